import Foundation
import XCTest
@testable import Backends
import Primitives

/// The strategy aggregate's storage contract: JSON configuration, running state and counters.
extension ConformanceSuite {
    /// JSON text with sorted keys, so that PostgreSQL's normalized JSONB compares equal to the input.
    static func canonicalJSON(_ text: String) -> String? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)),
              let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }

    func strategiesRoundTripWithJSONAndRefuseDuplicateIDs() async throws {
        let grid = Self.strategy("grid_btc")
        try await backend.write { r throws(StorageError) in
            try r.strategies.insert(grid)
            try r.strategies.insert(Self.strategy("dca-eth", running: true))
        }
        let stored = try await backend.read { r throws(StorageError) in try r.strategies.find(id: "grid_btc") }
        XCTAssertEqual(stored?.symbols, ["BTC/USDT", "삼성전자"])
        XCTAssertEqual(stored.flatMap { Self.canonicalJSON($0.config) }, Self.canonicalJSON(grid.config))
        var expected = grid
        expected.config = stored?.config ?? ""
        XCTAssertEqual(stored, expected)
        let ids = try await backend.read { r throws(StorageError) in try r.strategies.list().map(\.id) }
        XCTAssertEqual(ids, ["dca-eth", "grid_btc"], "ordered by id")
        let missing = try await backend.read { r throws(StorageError) in try r.strategies.find(id: "nope") }
        XCTAssertNil(missing)
        await assertStorageError({
            try await backend.write { r throws(StorageError) in try r.strategies.insert(Self.strategy("grid_btc")) }
        }, { if case .uniqueViolation = $0 { true } else { false } }, "duplicate strategy id")
        var broken = Self.strategy("broken")
        broken.config = "[1, 2]"
        let refused = broken
        await assertStorageError({
            try await backend.write { r throws(StorageError) in try r.strategies.insert(refused) }
        }, { if case .constraintViolation = $0 { true } else { false } }, "config that is not a JSON object")
    }

    func strategyConfigRunningStateAndCountersChange() async throws {
        try await backend.write { r throws(StorageError) in
            try r.strategies.insert(Self.strategy("a"))
            try r.strategies.insert(Self.strategy("b", running: true))
        }
        let updated = try await backend.write { r throws(StorageError) in
            try r.strategies.updateConfig(id: "a", config: #"{"levels": 20}"#, at: Self.now + 1)
        }
        XCTAssertTrue(updated)
        let updatedMissing = try await backend.write { r throws(StorageError) in
            try r.strategies.updateConfig(id: "zz", config: "{}", at: Self.now + 1)
        }
        XCTAssertFalse(updatedMissing)
        let started = try await backend.write { r throws(StorageError) in try r.strategies.setRunning(id: "a", running: true, at: Self.now + 2) }
        XCTAssertTrue(started)
        let stopped = try await backend.write { r throws(StorageError) in try r.strategies.setRunning(id: "b", running: false, at: Self.now + 3) }
        XCTAssertTrue(stopped)
        let counted = try await backend.write { r throws(StorageError) in
            try r.strategies.addToStats(id: "a", signals: 5, ordersSubmitted: 4, ordersFilled: 3, marketData: 1000, at: Self.now + 4)
            try r.strategies.addToStats(id: "a", signals: 1, marketData: 1, at: Self.now + 5)
            try r.strategies.addToStats(id: "b", ordersFilled: 2, at: Self.now + 6)
            return try r.strategies.addToStats(id: "zz", signals: 1, at: Self.now + 6)
        }
        XCTAssertFalse(counted, "no such strategy")
        let a = try await backend.read { r throws(StorageError) in try r.strategies.find(id: "a") }
        XCTAssertEqual(a.flatMap { Self.canonicalJSON($0.config) }, Self.canonicalJSON(#"{"levels":20}"#))
        XCTAssertEqual(a?.running, true)
        XCTAssertEqual(a.map { [$0.signalsGenerated, $0.ordersSubmitted, $0.ordersFilled, $0.marketDataProcessed] }, [6, 4, 3, 1001])
        XCTAssertEqual(a?.updatedAt, Self.now + 5)
        let totals = try await backend.read { r throws(StorageError) in try r.strategies.totals() }
        XCTAssertEqual(totals, StrategyTotals(total: 2, running: 1, signalsGenerated: 6, ordersSubmitted: 4, ordersFilled: 5,
                                              marketDataProcessed: 1001))
        let deleted = try await backend.write { r throws(StorageError) in try r.strategies.delete(id: "b") }
        XCTAssertTrue(deleted)
        let deletedAgain = try await backend.write { r throws(StorageError) in try r.strategies.delete(id: "b") }
        XCTAssertFalse(deletedAgain)
        let left = try await backend.read { r throws(StorageError) in try r.strategies.totals() }
        XCTAssertEqual(left, StrategyTotals(total: 1, running: 1, signalsGenerated: 6, ordersSubmitted: 4, ordersFilled: 3,
                                            marketDataProcessed: 1001))
        let empty = try await backend.write { r throws(StorageError) in
            try r.strategies.delete(id: "a")
            return try r.strategies.totals()
        }
        XCTAssertEqual(empty, StrategyTotals(total: 0, running: 0, signalsGenerated: 0, ordersSubmitted: 0, ordersFilled: 0,
                                             marketDataProcessed: 0))
    }
}

/// The strategy conformance suite on SQLite.
final class SQLiteStrategyConformanceTests: SQLiteBackendTestCase {
    func testStrategiesRoundTripWithJSONAndRefuseDuplicateIDs() async throws { try await suite.strategiesRoundTripWithJSONAndRefuseDuplicateIDs() }
    func testStrategyConfigRunningStateAndCountersChange() async throws { try await suite.strategyConfigRunningStateAndCountersChange() }
}

/// The strategy conformance suite on PostgreSQL.
final class PostgresStrategyConformanceTests: PostgresBackendTestCase {
    func testStrategiesRoundTripWithJSONAndRefuseDuplicateIDs() async throws { try await suite.strategiesRoundTripWithJSONAndRefuseDuplicateIDs() }
    func testStrategyConfigRunningStateAndCountersChange() async throws { try await suite.strategyConfigRunningStateAndCountersChange() }
}
