import Primitives

/// The paper exchange's state: written behind the engine in ordered batches (`apply`, one per
/// transaction) and read back whole when the engine starts (`openOrders`, `positions`,
/// `balances`). Batches of about a thousand rows cost a few multi-row statements and one
/// bulk insert per table, not a statement a row.
public struct ExchangeRepository {
    let connection: any SQLConnection

    /// Stores `batch` inside the caller's transaction, in this order: strategies upserted whole
    /// (by id), orders upserted whole
    /// (by id), fills inserted, closed positions removed with their lots, changed positions
    /// upserted, closed lots removed, lots written upserted (by id), balances upserted (by
    /// asset), errors recorded, deleted strategies removed. A batch costs what changed, however many lots a position holds. Removing before
    /// upserting lets one batch close a position and open a new one (another id) for the
    /// same exchange, symbol and strategy.
    ///
    /// Any refusal fails the whole call, and the caller's transaction with it: a fill id
    /// already stored (`.uniqueViolation`; never skipped, which would hide a replayed batch),
    /// a client order id another order holds (`.uniqueViolation`), a fill of an order that
    /// does not exist (`.foreignKeyViolation`), and, before anything is written, a position
    /// both replaced and removed or a lot filed under another position than its own
    /// (`.constraintViolation`).
    public func apply(_ batch: ExchangeBatch) throws(StorageError) {
        let positions = batch.positions.lastOfEach(\.record.id)
        try Self.check(positions, removing: batch.removedPositionIDs)
        try StrategyRepository(connection: connection).upsert(batch.strategies.lastOfEach(\.id))
        try connection.upsert(
            table: "orders", columns: OrderRepository.columnNames, key: ["id"],
            rows: batch.orders.lastOfEach(\.id).map(OrderRepository.values))
        try FillRepository(connection: connection).insert(batch.fills)
        try connection.delete(from: "position_lots", where: "position_id", in: batch.removedPositionIDs.map(\.sqlValue))
        try connection.delete(from: "positions", where: "id", in: batch.removedPositionIDs.map(\.sqlValue))
        try connection.upsert(
            table: "positions", columns: PositionRepository.columnNames, key: ["id"],
            rows: positions.map { PositionRepository.values($0.record) })
        try connection.delete(from: "position_lots", where: "id", in: batch.removedLotIDs.map(\.sqlValue))
        try connection.upsert(
            table: "position_lots", columns: PositionRepository.lotColumnNames, key: ["id"],
            rows: positions.flatMap { $0.lots.lastOfEach(\.id).map(PositionRepository.values) })
        try BalanceRepository(connection: connection).set(batch.balances)
        for error in batch.errors { try ErrorLogRepository(connection: connection).insert(error) }
        try connection.delete(from: "strategies", where: "id", in: batch.removedStrategyIDs.map(\.sqlValue))
    }

    private static func check(_ positions: [PositionState], removing removed: [String]) throws(StorageError) {
        let replaced = Set(positions.map(\.record.id))
        if let id = removed.first(where: replaced.contains) {
            throw .constraintViolation(constraint: "exchange batch both replaces and removes position \(id)")
        }
        for state in positions {
            if let lot = state.lots.first(where: { $0.positionID != state.record.id }) {
                throw .constraintViolation(
                    constraint: "exchange batch files lot \(lot.id) of position \(lot.positionID) under position \(state.record.id)")
            }
        }
    }

    /// The orders still working (`Pending`, `Open`, `PartiallyFilled`), oldest first (ties by
    /// id): the engine rebuilds its books from them in time priority.
    public func openOrders() throws(StorageError) -> [OrderRecord] {
        var filter = SQLWhereClause()
        filter.require("status", in: OrderRepository.activeStatuses.map(\.sqlValue))
        return try connection.query(
            "SELECT \(OrderRepository.columns) FROM orders\(filter.sql) ORDER BY created_at, id", filter.parameters)
            .map(OrderRecord.init)
    }

    /// The order created with `clientOrderID`, or nil.
    public func order(clientOrderID: String) throws(StorageError) -> OrderRecord? {
        try connection.query("SELECT \(OrderRepository.columns) FROM orders WHERE client_order_id = $1", clientOrderID)
            .first.map(OrderRecord.init)
    }

    /// Every position, oldest first (ties by id), each with its lots oldest first (the order
    /// FIFO consumes them).
    public func positions() throws(StorageError) -> [PositionState] {
        var lots: [String: [LotRecord]] = [:]
        for row in try connection.query("SELECT \(PositionRepository.lotColumns) FROM position_lots ORDER BY opened_at, lot_order, id") {
            let lot = try LotRecord(row: row)
            lots[lot.positionID, default: []].append(lot)
        }
        return try PositionRepository(connection: connection).list().map { PositionState(record: $0, lots: lots[$0.id] ?? []) }
    }

    /// Every balance, by asset in code-point order.
    public func balances() throws(StorageError) -> [BalanceRecord] {
        try BalanceRepository(connection: connection).list()
    }
}

extension Repositories {
    /// The paper exchange's orders, fills, positions and balances, written in batches.
    public var exchange: ExchangeRepository { ExchangeRepository(connection: connection) }
}
