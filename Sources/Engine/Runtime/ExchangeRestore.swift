import Backends
import Primitives

/// Puts a paper exchange back as the database left it: balances (the starting ones on a
/// database's first start, stored at once), positions with their lots, active orders back on
/// the book with what their fills add up to, and every client order id used.
public enum ExchangeRestore {
    /// What was read, for the log.
    public struct Summary: Sendable, Equatable {
        public var balances: Int
        public var positions: Int
        public var openOrders: Int
        public var firstStart: Bool
    }

    public static func restore(_ exchange: PaperExchange, records: ExchangeRecords, backend: Backend, at time: Int)
        async throws(StorageError) -> Summary {
        let stored = try await backend.read { repositories throws(StorageError) in
            let exchange = repositories.exchange
            let orders = try exchange.openOrders()
            var fills: [String: [FillRecord]] = [:]
            for order in orders where order.filledQuantity != .zero { fills[order.id] = try repositories.fills.list(orderID: order.id) }
            return (try exchange.balances(), try exchange.positions(), orders, fills, try repositories.orders.clientOrderIDs(),
                    try repositories.orders.count())
        }
        let (balances, positions, orders, fills, clientOrderIDs, orderCount) = stored
        guard !balances.isEmpty else {
            // First start: the starting balances, stored now.
            let changes = exchange.takeChanges()
            try await backend.write { repositories throws(StorageError) in
                try repositories.exchange.apply(records.batch(changes, at: time))
            }
            return Summary(balances: changes.balances.count, positions: 0, openOrders: 0, firstStart: true)
        }
        var restoredBalances: [String: AssetBalance] = [:]
        for record in balances {
            guard let free = records.scales.units(record.free, of: record.asset), let locked = records.scales.units(record.locked, of: record.asset)
            else { throw .failed(message: "balance \(record.asset) does not fit the account's scale", statement: "restore") }
            restoredBalances[record.asset] = AssetBalance(free: free, locked: locked)
        }
        let restoredPositions = positions.compactMap { records.position($0) }
        // Each order took one sequence number (its `exchange_order_id`), so new ones start after
        // every order stored.
        let restoredOrders = orders.enumerated().compactMap { index, record in
            records.order(record, fills: fills[record.id] ?? [], sequence: record.exchangeOrderID.flatMap { UInt64($0) } ?? UInt64(index + 1))
        }
        _ = exchange.takeChanges()
        exchange.restore(balances: restoredBalances, positions: restoredPositions, orders: restoredOrders, clientOrderIDs: clientOrderIDs,
                         nextSequence: UInt64(orderCount))
        return Summary(balances: balances.count, positions: restoredPositions.count, openOrders: restoredOrders.count, firstStart: false)
    }
}
