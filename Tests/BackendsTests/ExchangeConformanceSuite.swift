import Foundation
import XCTest
@testable import Backends
import Primitives

/// The paper exchange's storage: batches written in one transaction each and read back whole
/// on restart, order uniqueness by client order id, and the REST listing of orders.
extension ConformanceSuite {
    static func exchangeOrder(_ id: String, clientOrderID: String? = nil, status: String = "Open", side: String = "Buy",
                              symbol: String = "BTC/USDT", filled: String = "0", fee: String = "0", strategyID: String? = nil,
                              at time: Int = now) -> OrderRecord {
        OrderRecord(id: id, clientOrderID: clientOrderID, symbol: symbol, side: side, orderType: "Limit", timeInForce: "GTD",
                    expiresAt: time + day, quantity: decimal("0.5"), filledQuantity: decimal(filled), price: decimal("50000.25"),
                    fee: decimal(fee), status: status, strategyID: strategyID, createdAt: time, updatedAt: time)
    }

    static func fill(_ id: String, of orderID: String, quantity: String = "0.1", at time: Int = now) -> FillRecord {
        FillRecord(id: id, orderID: orderID, symbol: "BTC/USDT", side: "Buy", quantity: decimal(quantity), price: decimal("50000.25"),
                   fee: decimal("2.5000125"), liquidity: "maker", executedAt: time)
    }

    static func lot(_ id: String, of positionID: String, quantity: String, at time: Int) -> LotRecord {
        LotRecord(id: id, positionID: positionID, quantity: decimal(quantity), price: decimal("40000.5"), fee: decimal("0.01"),
                  openedAt: time)
    }

    static func balance(_ asset: String, free: String, locked: String = "0", at time: Int = now) -> BalanceRecord {
        BalanceRecord(asset: asset, free: decimal(free), locked: decimal(locked), updatedAt: time)
    }

    func apply(_ batch: ExchangeBatch) async throws {
        try await backend.write { r throws(StorageError) in try r.exchange.apply(batch) }
    }

    func storedLotCount(positionID: String) async throws -> Int {
        try await backend.read { r throws(StorageError) in
            try r.connection.query("SELECT COUNT(*) AS n FROM position_lots WHERE position_id = $1", positionID).first?.int("n") ?? -1
        }
    }

    func appliedBatchesRestoreTheLastState() async throws {
        let position = Self.position("p1", quantity: "0.3")
        let closing = Self.position("p2", symbol: "ETH/USDT", quantity: "2")
        try await apply(ExchangeBatch(
            orders: [Self.exchangeOrder("a", clientOrderID: "client-a"), Self.exchangeOrder("b", at: Self.now + 1),
                     Self.exchangeOrder("c", status: "Filled", filled: "0.5", at: Self.now + 2)],
            positions: [PositionState(record: position, lots: [Self.lot("l1", of: "p1", quantity: "0.1", at: Self.now),
                                                               Self.lot("l2", of: "p1", quantity: "0.2", at: Self.now + 1)]),
                        PositionState(record: closing, lots: [Self.lot("l3", of: "p2", quantity: "2", at: Self.now)])],
            balances: [Self.balance("USDT", free: "100000"), Self.balance("BTC", free: "0")]))
        var shrunk = position
        shrunk.quantity = Self.decimal("0.15")
        shrunk.realizedPnl = Self.decimal("12.75")
        // l1 closed, l2 reduced, l4 opened: only those are written.
        let reduced = Self.lot("l2", of: "p1", quantity: "0.1", at: Self.now + 1)
        var opened = Self.lot("l4", of: "p1", quantity: "0.05", at: Self.now + 1)
        opened.order = 1
        try await apply(ExchangeBatch(
            orders: [Self.exchangeOrder("a", clientOrderID: "client-a", status: "PartiallyFilled", filled: "0.1", fee: "2.5000125")],
            fills: [Self.fill("f1", of: "a")],
            positions: [PositionState(record: shrunk, lots: [reduced, opened])], removedLotIDs: ["l1"], removedPositionIDs: ["p2"],
            balances: [Self.balance("USDT", free: "94999.4999875", locked: "20000.1"), Self.balance("USDT", free: "94999.4999875", locked: "20000.1")]))
        let last = Self.exchangeOrder("a", clientOrderID: "client-a", status: "PartiallyFilled", filled: "0.3", fee: "7.5000375",
                                      at: Self.now)
        try await apply(ExchangeBatch(
            orders: [Self.exchangeOrder("b", status: "Cancelled", at: Self.now + 1), last],
            fills: [Self.fill("f2", of: "a", quantity: "0.2", at: Self.now + 5)]))

        let restored = try await backend.read { r throws(StorageError) in
            (try r.exchange.openOrders(), try r.exchange.order(clientOrderID: "client-a"), try r.exchange.positions(),
             try r.exchange.balances(), try r.fills.list(orderID: "a").map(\.id))
        }
        XCTAssertEqual(restored.0, [last], "only active orders, in their last state")
        XCTAssertEqual(restored.1, last)
        XCTAssertEqual(restored.2, [PositionState(record: shrunk, lots: [reduced, opened])],
                       "a closed lot removed, a reduced one rewritten, a new one added, in FIFO order; p2 removed")
        XCTAssertEqual(restored.3, [Self.balance("BTC", free: "0"), Self.balance("USDT", free: "94999.4999875", locked: "20000.1")])
        XCTAssertEqual(restored.4, ["f1", "f2"])
        let removedLots = try await storedLotCount(positionID: "p2")
        XCTAssertEqual(removedLots, 0, "a removed position keeps no lots")
        let unknown = try await backend.read { r throws(StorageError) in try r.exchange.order(clientOrderID: "client-b") }
        XCTAssertNil(unknown)
    }

    func aBatchNamingAnOrderTwiceKeepsItsLastEntry() async throws {
        let final = Self.exchangeOrder("a", status: "Filled", filled: "0.5", fee: "1")
        try await apply(ExchangeBatch(orders: [Self.exchangeOrder("a"), Self.exchangeOrder("b"), final]))
        let stored = try await backend.read { r throws(StorageError) in (try r.orders.find(id: "a"), try r.exchange.openOrders().map(\.id)) }
        XCTAssertEqual(stored.0, final)
        XCTAssertEqual(stored.1, ["b"])
    }

    func aDuplicateFillFailsTheWholeBatch() async throws {
        try await apply(ExchangeBatch(orders: [Self.exchangeOrder("a")], fills: [Self.fill("f1", of: "a")],
                                      balances: [Self.balance("USDT", free: "100")]))
        await assertWriteRefusedWith("a fill id already stored", { if case .uniqueViolation = $0 { true } else { false } }) { r throws(StorageError) in
            try r.exchange.apply(ExchangeBatch(
                orders: [Self.exchangeOrder("a", status: "Filled", filled: "0.5"), Self.exchangeOrder("b")],
                fills: [Self.fill("f2", of: "a"), Self.fill("f1", of: "a")],
                positions: [PositionState(record: Self.position("p1"), lots: [Self.lot("l1", of: "p1", quantity: "0.3", at: Self.now)])],
                balances: [Self.balance("USDT", free: "1"), Self.balance("BTC", free: "0.3")]))
        }
        let stored = try await backend.read { r throws(StorageError) in
            (try r.exchange.openOrders().map(\.id), try r.fills.list(orderID: "a").map(\.id), try r.exchange.positions(),
             try r.exchange.balances())
        }
        XCTAssertEqual(stored.0, ["a"], "the order is not updated and the new one not stored")
        XCTAssertEqual(stored.1, ["f1"])
        XCTAssertEqual(stored.2, [])
        XCTAssertEqual(stored.3, [Self.balance("USDT", free: "100")])
        let lots = try await storedLotCount(positionID: "p1")
        XCTAssertEqual(lots, 0)
    }

    func clientOrderIDsAreUnique() async throws {
        try await apply(ExchangeBatch(orders: [Self.exchangeOrder("a", clientOrderID: "retry-1"), Self.exchangeOrder("b"),
                                               Self.exchangeOrder("c")]))
        await assertWriteRefusedWith("a second order with the same client order id", { if case .uniqueViolation = $0 { true } else { false } }) { r throws(StorageError) in
            try r.exchange.apply(ExchangeBatch(orders: [Self.exchangeOrder("d", clientOrderID: "retry-1")]))
        }
        await assertWriteRefusedWith("inserted directly", { if case .uniqueViolation = $0 { true } else { false } }) { r throws(StorageError) in
            try r.orders.insert(Self.exchangeOrder("e", clientOrderID: "retry-1"))
        }
        let stored = try await backend.read { r throws(StorageError) in
            (try r.exchange.openOrders().map(\.id), try r.exchange.order(clientOrderID: "retry-1")?.id)
        }
        XCTAssertEqual(stored.0, ["a", "b", "c"], "orders without a client order id may be many")
        XCTAssertEqual(stored.1, "a")
    }

    func aPositionCanCloseAndReopenInOneBatch() async throws {
        let long = Self.position("p1", quantity: "0.3")
        try await apply(ExchangeBatch(positions: [PositionState(record: long, lots: [Self.lot("l1", of: "p1", quantity: "0.3", at: Self.now)])]))
        var short = Self.position("p2", quantity: "-0.2", at: Self.now + 10)
        short.side = "Sell"
        let shortLots = [Self.lot("l2", of: "p2", quantity: "-0.15", at: Self.now + 10), Self.lot("l3", of: "p2", quantity: "-0.05", at: Self.now + 11)]
        try await apply(ExchangeBatch(positions: [PositionState(record: short, lots: shortLots)], removedPositionIDs: ["p1"]))
        let restored = try await backend.read { r throws(StorageError) in try r.exchange.positions() }
        XCTAssertEqual(restored, [PositionState(record: short, lots: shortLots)], "the same exchange, symbol and strategy under a new id")
    }

    func contradictoryPositionsAreRefusedBeforeAnythingIsWritten() async throws {
        await assertWriteRefusedWith("replaced and removed", { if case .constraintViolation = $0 { true } else { false } }) { r throws(StorageError) in
            try r.exchange.apply(ExchangeBatch(orders: [Self.exchangeOrder("a")], positions: [PositionState(record: Self.position("p1"), lots: [])],
                                               removedPositionIDs: ["p1"]))
        }
        await assertWriteRefusedWith("a lot of another position", { if case .constraintViolation = $0 { true } else { false } }) { r throws(StorageError) in
            try r.exchange.apply(ExchangeBatch(positions: [
                PositionState(record: Self.position("p1"), lots: [Self.lot("l1", of: "p2", quantity: "0.3", at: Self.now)])]))
        }
        let stored = try await backend.read { r throws(StorageError) in (try r.exchange.openOrders(), try r.exchange.positions()) }
        XCTAssertEqual(stored.0, [])
        XCTAssertEqual(stored.1, [])
    }

    func aThousandOrdersAndFillsLandInOneBatch() async throws {
        let orders = (0..<1_000).map { Self.exchangeOrder(String(format: "o%04d", $0), clientOrderID: "c\($0)", at: Self.now + $0) }
        let fills = orders.map { Self.fill("f-" + $0.id, of: $0.id, at: $0.createdAt) }
        let positions = (0..<300).map { index in
            PositionState(record: Self.position("p\(index)", symbol: "S\(index)"),
                          lots: (0..<3).map { Self.lot("l\(index)-\($0)", of: "p\(index)", quantity: "0.1", at: Self.now + $0) })
        }
        try await apply(ExchangeBatch(orders: orders, fills: fills, positions: positions))
        var updated = orders
        for index in updated.indices where index % 3 == 0 { updated[index].status = "Filled" }
        try await apply(ExchangeBatch(orders: updated, positions: Array(positions.dropFirst(100)), removedPositionIDs: (0..<100).map { "p\($0)" }))
        let restored = try await backend.read { r throws(StorageError) in
            (try r.exchange.openOrders(), try r.executions.count(ExecutionFilter()), try r.exchange.positions())
        }
        // Compared whole but reported briefly: a thousand records would bury the difference.
        let open = updated.filter { $0.status == "Open" }
        XCTAssertEqual(restored.0.count, open.count)
        XCTAssertTrue(restored.0 == open, "the open orders restore exactly as last written")
        XCTAssertEqual(restored.1, 1_000)
        XCTAssertEqual(restored.2.map(\.record.id), positions.dropFirst(100).map(\.record.id))
        XCTAssertTrue(restored.2 == Array(positions.dropFirst(100)), "the positions restore with their lots")
    }

    func ordersAreListedNewestFirstWithFiltersAndACount() async throws {
        try await backend.write { r throws(StorageError) in try r.strategies.insert(Self.strategy("grid-1")) }
        try await apply(ExchangeBatch(orders: [
            Self.exchangeOrder("a", status: "Filled", at: Self.now),
            Self.exchangeOrder("b", side: "Sell", strategyID: "grid-1", at: Self.now + 1),
            Self.exchangeOrder("c", status: "Cancelled", symbol: "ETH/USDT", at: Self.now + 2),
            Self.exchangeOrder("d", status: "PartiallyFilled", strategyID: "grid-1", at: Self.now + 3),
            Self.exchangeOrder("e", side: "Sell", symbol: "ETH/USDT", at: Self.now + 4),
        ]))
        let listed = try await backend.read { r throws(StorageError) in
            [try r.orders.list().map(\.id), try r.orders.list(statuses: ["Open", "PartiallyFilled"]).map(\.id),
             try r.orders.list(symbol: "ETH/USDT").map(\.id), try r.orders.list(side: "Sell").map(\.id),
             try r.orders.list(strategyID: "grid-1").map(\.id), try r.orders.list(limit: 2, offset: 1).map(\.id),
             try r.orders.list(statuses: ["Open"], side: "Sell", strategyID: "grid-1").map(\.id)]
        }
        XCTAssertEqual(listed, [["e", "d", "c", "b", "a"], ["e", "d", "b"], ["e", "c"], ["e", "b"], ["d", "b"], ["d", "c"], ["b"]])
        let counts = try await backend.read { r throws(StorageError) in
            [try r.orders.count(), try r.orders.count(statuses: ["Open", "PartiallyFilled"]), try r.orders.count(symbol: "ETH/USDT"),
             try r.orders.count(side: "Sell"), try r.orders.count(strategyID: "grid-1"),
             try r.orders.count(statuses: ["Open"], side: "Sell", strategyID: "grid-1")]
        }
        XCTAssertEqual(counts, [5, 3, 2, 2, 2, 1])
    }
}

/// The exchange conformance suite on SQLite.
final class SQLiteExchangeConformanceTests: SQLiteBackendTestCase {
    func testAppliedBatchesRestoreTheLastState() async throws { try await suite.appliedBatchesRestoreTheLastState() }
    func testABatchNamingAnOrderTwiceKeepsItsLastEntry() async throws { try await suite.aBatchNamingAnOrderTwiceKeepsItsLastEntry() }
    func testADuplicateFillFailsTheWholeBatch() async throws { try await suite.aDuplicateFillFailsTheWholeBatch() }
    func testClientOrderIDsAreUnique() async throws { try await suite.clientOrderIDsAreUnique() }
    func testAPositionCanCloseAndReopenInOneBatch() async throws { try await suite.aPositionCanCloseAndReopenInOneBatch() }
    func testContradictoryPositionsAreRefusedBeforeAnythingIsWritten() async throws { try await suite.contradictoryPositionsAreRefusedBeforeAnythingIsWritten() }
    func testAThousandOrdersAndFillsLandInOneBatch() async throws { try await suite.aThousandOrdersAndFillsLandInOneBatch() }
    func testOrdersAreListedNewestFirstWithFiltersAndACount() async throws { try await suite.ordersAreListedNewestFirstWithFiltersAndACount() }
}

/// The exchange conformance suite on PostgreSQL.
final class PostgresExchangeConformanceTests: PostgresBackendTestCase {
    func testAppliedBatchesRestoreTheLastState() async throws { try await suite.appliedBatchesRestoreTheLastState() }
    func testABatchNamingAnOrderTwiceKeepsItsLastEntry() async throws { try await suite.aBatchNamingAnOrderTwiceKeepsItsLastEntry() }
    func testADuplicateFillFailsTheWholeBatch() async throws { try await suite.aDuplicateFillFailsTheWholeBatch() }
    func testClientOrderIDsAreUnique() async throws { try await suite.clientOrderIDsAreUnique() }
    func testAPositionCanCloseAndReopenInOneBatch() async throws { try await suite.aPositionCanCloseAndReopenInOneBatch() }
    func testContradictoryPositionsAreRefusedBeforeAnythingIsWritten() async throws { try await suite.contradictoryPositionsAreRefusedBeforeAnythingIsWritten() }
    func testAThousandOrdersAndFillsLandInOneBatch() async throws { try await suite.aThousandOrdersAndFillsLandInOneBatch() }
    func testOrdersAreListedNewestFirstWithFiltersAndACount() async throws { try await suite.ordersAreListedNewestFirstWithFiltersAndACount() }
}
