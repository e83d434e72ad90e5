import Foundation
import XCTest
@testable import Backends
import Primitives

/// The fill aggregate's storage contract: fills of an order, and one fill applied across
/// order, lots, position and balance (the journal's listing is `ExecutionConformanceSuite`).
extension ConformanceSuite {
    static func fill(_ id: String, order: String, symbol: String = "BTC/USDT", side: String = "Buy", quantity: String = "0.1",
                     price: String = "50000", fee: String = "0.5", exchange: String = "paper", at time: Int) -> FillRecord {
        FillRecord(id: id, orderID: order, symbol: symbol, side: side, quantity: decimal(quantity), price: decimal(price),
                   fee: decimal(fee), liquidity: "taker", exchange: exchange, executedAt: time)
    }

    func fillsNeedTheirOrderAndListByOrder() async throws {
        await assertStorageError({
            try await backend.write { r throws(StorageError) in try r.fills.insert(Self.fill("f0", order: "missing", at: Self.now)) }
        }, { if case .foreignKeyViolation = $0 { true } else { false } }, "fill of an unknown order")
        let fills = [Self.fill("f2", order: "o1", quantity: "0.2", fee: "0.00000001", exchange: "binance", at: Self.now + 2),
                     Self.fill("f1", order: "o1", quantity: "0.1", at: Self.now + 1)]
        try await backend.write { r throws(StorageError) in
            try r.orders.insert(Self.order("o1", quantity: "0.3"))
            try r.orders.insert(Self.order("o2"))
            for fill in fills { try r.fills.insert(fill) }
            try r.fills.insert(Self.fill("f3", order: "o2", at: Self.now))
        }
        let listed = try await backend.read { r throws(StorageError) in try r.fills.list(orderID: "o1") }
        XCTAssertEqual(listed, [fills[1], fills[0]], "oldest first")
        XCTAssertEqual(listed.last?.fee.description, "0.00000001")
        XCTAssertEqual(listed.last?.exchange, "binance")
        await assertStorageError({
            try await backend.write { r throws(StorageError) in try r.fills.insert(Self.fill("f1", order: "o2", at: Self.now)) }
        }, { if case .uniqueViolation = $0 { true } else { false } }, "duplicate fill id")
    }

    // MARK: One fill across repositories

    /// A sell of 0.15 BTC closing part of a long built from lots of 0.1 and 0.2: fill, order,
    /// lots, position and balance in one transaction.
    func aFillUpdatesOrderLotsPositionAndBalanceAtomically() async throws {
        let opened = Self.decimal("0.1") + Self.decimal("0.2")
        try await backend.write { r throws(StorageError) in
            try r.orders.insert(Self.order("sell", side: "Sell", quantity: "0.15"))
            try r.positions.insert(Self.position("p1", quantity: opened.description))
            try r.positions.addLot(LotRecord(id: "l1", positionID: "p1", quantity: Self.decimal("0.1"), price: Self.decimal("40000"),
                                             fee: Self.decimal("0.3"), openedAt: Self.now))
            try r.positions.addLot(LotRecord(id: "l2", positionID: "p1", quantity: Self.decimal("0.2"), price: Self.decimal("41000"),
                                             fee: Self.decimal("0.9"), openedAt: Self.now + 1))
            try r.balances.set(BalanceRecord(asset: "BTC", free: opened, updatedAt: Self.now))
        }
        let fillPrice = Self.decimal("45000.5")
        let applyFill = { @Sendable (r: Repositories) throws(StorageError) -> [ConsumedLot] in
            let fill = Self.fill("f1", order: "sell", side: "Sell", quantity: "0.15", price: fillPrice.description, fee: "0.05", at: Self.now + 5)
            try r.fills.insert(fill)
            guard var order = try r.orders.find(id: "sell") else { throw .failed(message: "order vanished", statement: "") }
            order.filledQuantity = order.filledQuantity + fill.quantity
            order.averageFillPrice = fill.price
            order.status = "Filled"
            order.updatedAt = fill.executedAt
            try r.orders.update(order)
            let slices = try r.positions.consumeLots(positionID: "p1", quantity: fill.quantity)
            guard var position = try r.positions.find(id: "p1", forUpdate: true) else { throw .failed(message: "position vanished", statement: "") }
            position.quantity = position.quantity - fill.quantity
            position.realizedPnl = slices.reduce(position.realizedPnl) { $0 + (fill.price - $1.price) * $1.quantity - $1.fee }
            position.updatedAt = fill.executedAt
            try r.positions.update(position)
            guard try r.balances.debit(asset: "BTC", amount: fill.quantity, at: fill.executedAt) else {
                throw .constraintViolation(constraint: "BTC balance")
            }
            return slices
        }
        await assertStorageError({
            try await backend.write { r throws(StorageError) in
                _ = try applyFill(r)
                throw StorageError.failed(message: "abort after every write", statement: "")
            }
        }, { $0 == .failed(message: "abort after every write", statement: "") }, "the aborted fill")
        let untouched = try await backend.read { r throws(StorageError) in
            (try r.fills.list(orderID: "sell"), try r.orders.find(id: "sell"), try r.positions.lots(positionID: "p1").count,
             try r.positions.find(id: "p1"), try r.balances.find(asset: "BTC"))
        }
        XCTAssertEqual(untouched.0, [])
        XCTAssertEqual(untouched.1, Self.order("sell", side: "Sell", quantity: "0.15"))
        XCTAssertEqual(untouched.2, 2)
        XCTAssertEqual(untouched.3, Self.position("p1", quantity: "0.3"))
        XCTAssertEqual(untouched.4, BalanceRecord(asset: "BTC", free: opened, updatedAt: Self.now))

        let slices = try await backend.write { r throws(StorageError) in try applyFill(r) }
        XCTAssertEqual(slices.map(\.fee), [Self.decimal("0.3"), Self.decimal("0.225")])
        let stored = try await backend.read { r throws(StorageError) in
            (try r.fills.list(orderID: "sell"), try r.orders.find(id: "sell"), try r.positions.lots(positionID: "p1"),
             try r.positions.find(id: "p1"), try r.balances.find(asset: "BTC"))
        }
        XCTAssertEqual(stored.0.map(\.id), ["f1"])
        XCTAssertEqual(stored.1?.status, "Filled")
        XCTAssertEqual(stored.1?.filledQuantity, Self.decimal("0.15"))
        XCTAssertEqual(stored.2, [LotRecord(id: "l2", positionID: "p1", quantity: Self.decimal("0.15"), price: Self.decimal("41000"),
                                            fee: Self.decimal("0.675"), openedAt: Self.now + 1)])
        XCTAssertEqual(stored.3?.quantity.description, "0.15")
        // (45000.5 − 40000)·0.1 − 0.3 + (45000.5 − 41000)·0.05 − 0.225 = 500.05 − 0.3 + 200.025 − 0.225
        XCTAssertEqual(stored.3?.realizedPnl, Self.decimal("699.55"))
        XCTAssertEqual(stored.4?.free.description, "0.15")
    }
}

/// The fill conformance suite on SQLite.
final class SQLiteFillConformanceTests: SQLiteBackendTestCase {
    func testFillsNeedTheirOrderAndListByOrder() async throws { try await suite.fillsNeedTheirOrderAndListByOrder() }
    func testAFillUpdatesOrderLotsPositionAndBalanceAtomically() async throws { try await suite.aFillUpdatesOrderLotsPositionAndBalanceAtomically() }
}

/// The fill conformance suite on PostgreSQL.
final class PostgresFillConformanceTests: PostgresBackendTestCase {
    func testFillsNeedTheirOrderAndListByOrder() async throws { try await suite.fillsNeedTheirOrderAndListByOrder() }
    func testAFillUpdatesOrderLotsPositionAndBalanceAtomically() async throws { try await suite.aFillUpdatesOrderLotsPositionAndBalanceAtomically() }
}
