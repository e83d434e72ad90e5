import Foundation
import XCTest
@testable import Backends
import Primitives

/// The position aggregate's storage contract: positions and their FIFO lots.
extension ConformanceSuite {
    func positionsAreUniquePerExchangeSymbolAndStrategy() async throws {
        let manual = Self.position("p1")
        try await backend.write { r throws(StorageError) in
            try r.strategies.insert(Self.strategy("grid_btc"))
            try r.positions.insert(manual)
            try r.positions.insert(Self.position("p2", strategyID: "grid_btc", at: Self.now + 1))
            try r.positions.insert(Self.position("p3", exchange: "binance", at: Self.now + 2))
            try r.positions.insert(Self.position("p4", symbol: "ETH/USDT", at: Self.now + 3))
        }
        await assertStorageError({
            try await backend.write { r throws(StorageError) in try r.positions.insert(Self.position("p5")) }
        }, { if case .uniqueViolation = $0 { true } else { false } }, "a second manual position")
        await assertStorageError({
            try await backend.write { r throws(StorageError) in try r.positions.insert(Self.position("p6", strategyID: "grid_btc")) }
        }, { if case .uniqueViolation = $0 { true } else { false } }, "a second position of one strategy")
        let found = try await backend.read { r throws(StorageError) in try r.positions.find(id: "p1") }
        XCTAssertEqual(found, manual)
        XCTAssertNil(found?.strategyID, "'' reads back as nil")
        let byKey = try await backend.read { r throws(StorageError) in
            [try r.positions.find(exchange: "paper", symbol: "BTC/USDT", strategyID: nil)?.id,
             try r.positions.find(exchange: "paper", symbol: "BTC/USDT", strategyID: "grid_btc")?.id,
             try r.positions.find(exchange: "kis", symbol: "BTC/USDT", strategyID: nil)?.id]
        }
        XCTAssertEqual(byKey, ["p1", "p2", nil])
        let btc = try await backend.read { r throws(StorageError) in try r.positions.list(symbol: "BTC/USDT").map(\.id) }
        XCTAssertEqual(btc, ["p1", "p2", "p3"])
        let all = try await backend.read { r throws(StorageError) in try r.positions.list().map(\.id) }
        XCTAssertEqual(all, ["p1", "p2", "p3", "p4"])
        var changed = manual
        changed.side = "Sell"
        changed.quantity = Self.decimal("0.1") + Self.decimal("0.2")
        changed.entryPrice = Self.decimal("41000.12345678")
        changed.realizedPnl = Self.decimal("-12.345")
        changed.leverage = Self.decimal("10")
        changed.updatedAt = Self.now + 9
        let update = changed
        let wasUpdated = try await backend.write { r throws(StorageError) in
            try r.positions.update(update)
        }
        XCTAssertTrue(wasUpdated)
        let reread = try await backend.write { r throws(StorageError) in try r.positions.find(id: "p1", forUpdate: true) }
        XCTAssertEqual(reread, changed)
        XCTAssertEqual(reread?.quantity.description, "0.3")
        var ghost = changed
        ghost.id = "ghost"
        let ghostUpdate = ghost
        let updatedGhost = try await backend.write { r throws(StorageError) in try r.positions.update(ghostUpdate) }
        XCTAssertFalse(updatedGhost)
    }

    func deletingAPositionRemovesItsLots() async throws {
        try await backend.write { r throws(StorageError) in
            try r.positions.insert(Self.position("p1"))
            try r.positions.addLot(LotRecord(id: "l1", positionID: "p1", quantity: Self.decimal("0.3"), price: Self.decimal("40000"),
                                             openedAt: Self.now))
        }
        let deleted = try await backend.write { r throws(StorageError) in try r.positions.delete(id: "p1") }
        XCTAssertTrue(deleted)
        let lots = try await backend.read { r throws(StorageError) in try r.positions.lots(positionID: "p1") }
        XCTAssertEqual(lots, [])
        let gone = try await backend.read { r throws(StorageError) in try r.positions.find(id: "p1") }
        XCTAssertNil(gone)
        let deletedAgain = try await backend.write { r throws(StorageError) in try r.positions.delete(id: "p1") }
        XCTAssertFalse(deletedAgain)
    }

    func lotsNeedAPositionAndAPositiveQuantity() async throws {
        let orphan = LotRecord(id: "l0", positionID: "nope", quantity: Self.decimal("1"), price: Self.decimal("1"), openedAt: Self.now)
        await assertStorageError({
            try await backend.write { r throws(StorageError) in try r.positions.addLot(orphan) }
        }, { if case .foreignKeyViolation = $0 { true } else { false } }, "lot of an unknown position")
        try await backend.write { r throws(StorageError) in try r.positions.insert(Self.position("p1")) }
        for (quantity, fee) in [("0", "0"), ("-1", "0"), ("1", "-0.01")] {
            let lot = LotRecord(id: "bad", positionID: "p1", quantity: Self.decimal(quantity), price: Self.decimal("1"),
                                fee: Self.decimal(fee), openedAt: Self.now)
            await assertStorageError({
                try await backend.write { r throws(StorageError) in try r.positions.addLot(lot) }
            }, { if case .constraintViolation = $0 { true } else { false } }, "lot of quantity \(quantity), fee \(fee)")
        }
    }

    func lotsAreConsumedOldestFirstWithProRatedFees() async throws {
        let lots = [
            LotRecord(id: "l-b", positionID: "p1", quantity: Self.decimal("0.2"), price: Self.decimal("41000"), fee: Self.decimal("0.9"),
                      openedAt: Self.now + 1),
            LotRecord(id: "l-a", positionID: "p1", quantity: Self.decimal("0.1"), price: Self.decimal("40000"), fee: Self.decimal("0.3"),
                      openedAt: Self.now),
            LotRecord(id: "l-c", positionID: "p1", quantity: Self.decimal("3"), price: Self.decimal("42000"), fee: Self.decimal("1"),
                      openedAt: Self.now + 1),
        ]
        try await backend.write { r throws(StorageError) in
            try r.positions.insert(Self.position("p1"))
            for lot in lots { try r.positions.addLot(lot) }
        }
        let ordered = try await backend.read { r throws(StorageError) in try r.positions.lots(positionID: "p1") }
        XCTAssertEqual(ordered, [lots[1], lots[0], lots[2]], "by opening time, then id")
        let first = try await backend.write { r throws(StorageError) in try r.positions.consumeLots(positionID: "p1", quantity: Self.decimal("0.15")) }
        XCTAssertEqual(first, [
            ConsumedLot(lotID: "l-a", quantity: Self.decimal("0.1"), price: Self.decimal("40000"), fee: Self.decimal("0.3"), openedAt: Self.now),
            ConsumedLot(lotID: "l-b", quantity: Self.decimal("0.05"), price: Self.decimal("41000"), fee: Self.decimal("0.225"),
                        openedAt: Self.now + 1),
        ])
        let afterFirst = try await backend.read { r throws(StorageError) in try r.positions.lots(positionID: "p1") }
        XCTAssertEqual(afterFirst.map(\.id), ["l-b", "l-c"], "the whole lot is deleted")
        XCTAssertEqual(afterFirst.first?.quantity, Self.decimal("0.15"))
        XCTAssertEqual(afterFirst.first?.fee.description, "0.675")
        // A third of a lot's fee is no finite decimal: the share rounds, the remainder keeps the sum exact.
        let second = try await backend.write { r throws(StorageError) in try r.positions.consumeLots(positionID: "p1", quantity: Self.decimal("1.15")) }
        XCTAssertEqual(second.map(\.lotID), ["l-b", "l-c"])
        XCTAssertEqual(second.last?.quantity, Self.decimal("1"))
        XCTAssertEqual(second.last?.fee.description, "0.333333333333333333")
        let afterSecond = try await backend.read { r throws(StorageError) in try r.positions.lots(positionID: "p1") }
        XCTAssertEqual(afterSecond.map(\.quantity), [Self.decimal("2")])
        XCTAssertEqual(afterSecond.first?.fee.description, "0.666666666666666667")
        XCTAssertEqual((afterSecond.first?.fee ?? .zero) + (second.last?.fee ?? .zero), Self.decimal("1"))
        let nothing = try await backend.write { r throws(StorageError) in try r.positions.consumeLots(positionID: "p1", quantity: .zero) }
        XCTAssertEqual(nothing, [])
    }

    func consumingMoreThanTheLotsHoldChangesNothing() async throws {
        try await backend.write { r throws(StorageError) in
            try r.positions.insert(Self.position("p1"))
            try r.positions.addLot(LotRecord(id: "l1", positionID: "p1", quantity: Self.decimal("0.1"), price: Self.decimal("40000"),
                                             fee: Self.decimal("0.3"), openedAt: Self.now))
            try r.positions.addLot(LotRecord(id: "l2", positionID: "p1", quantity: Self.decimal("0.2"), price: Self.decimal("41000"),
                                             fee: Self.decimal("0.9"), openedAt: Self.now + 1))
        }
        let before = try await backend.read { r throws(StorageError) in try r.positions.lots(positionID: "p1") }
        // Caught inside the transaction: consumeLots checks before it changes anything.
        let (error, during) = try await backend.write { r throws(StorageError) -> (StorageError?, [LotRecord]) in
            do throws(StorageError) {
                _ = try r.positions.consumeLots(positionID: "p1", quantity: Self.decimal("0.30000001"))
                return (nil, try r.positions.lots(positionID: "p1"))
            } catch {
                return (error, try r.positions.lots(positionID: "p1"))
            }
        }
        guard case .constraintViolation(let constraint) = error else { return XCTFail("expected a constraint violation, got \(String(describing: error))") }
        XCTAssertTrue(constraint.contains("p1"), constraint)
        XCTAssertEqual(during, before)
        // Thrown out of the transaction: an earlier consumption in it rolls back too.
        await assertStorageError({
            try await backend.write { r throws(StorageError) in
                _ = try r.positions.consumeLots(positionID: "p1", quantity: Self.decimal("0.15"))
                _ = try r.positions.consumeLots(positionID: "p1", quantity: Self.decimal("0.2"))
            }
        }, { if case .constraintViolation = $0 { true } else { false } }, "consuming beyond the lots")
        let after = try await backend.read { r throws(StorageError) in try r.positions.lots(positionID: "p1") }
        XCTAssertEqual(after, before)
        await assertStorageError({
            try await backend.write { r throws(StorageError) in _ = try r.positions.consumeLots(positionID: "p1", quantity: Self.decimal("-1")) }
        }, { if case .constraintViolation = $0 { true } else { false } }, "a negative quantity")
    }
}

/// The position conformance suite on SQLite.
final class SQLitePositionConformanceTests: SQLiteBackendTestCase {
    func testPositionsAreUniquePerExchangeSymbolAndStrategy() async throws { try await suite.positionsAreUniquePerExchangeSymbolAndStrategy() }
    func testDeletingAPositionRemovesItsLots() async throws { try await suite.deletingAPositionRemovesItsLots() }
    func testLotsNeedAPositionAndAPositiveQuantity() async throws { try await suite.lotsNeedAPositionAndAPositiveQuantity() }
    func testLotsAreConsumedOldestFirstWithProRatedFees() async throws { try await suite.lotsAreConsumedOldestFirstWithProRatedFees() }
    func testConsumingMoreThanTheLotsHoldChangesNothing() async throws { try await suite.consumingMoreThanTheLotsHoldChangesNothing() }
}

/// The position conformance suite on PostgreSQL.
final class PostgresPositionConformanceTests: PostgresBackendTestCase {
    func testPositionsAreUniquePerExchangeSymbolAndStrategy() async throws { try await suite.positionsAreUniquePerExchangeSymbolAndStrategy() }
    func testDeletingAPositionRemovesItsLots() async throws { try await suite.deletingAPositionRemovesItsLots() }
    func testLotsNeedAPositionAndAPositiveQuantity() async throws { try await suite.lotsNeedAPositionAndAPositiveQuantity() }
    func testLotsAreConsumedOldestFirstWithProRatedFees() async throws { try await suite.lotsAreConsumedOldestFirstWithProRatedFees() }
    func testConsumingMoreThanTheLotsHoldChangesNothing() async throws { try await suite.consumingMoreThanTheLotsHoldChangesNothing() }
}
