import Backends
import Foundation
import Primitives
import XCTest
@testable import Engine

/// The kept ledgers of the journal: a read brings a kept ledger up to date with the executions
/// stored since, replays from the start when one was stored before its last, and always
/// answers what a replay of everything stored gives; on SQLite and PostgreSQL.
final class JournalLedgerCacheTests: XCTestCase {
    static let key = ExecutionLedgerKey(exchange: "kis", symbol: "005930")
    static let t0 = 1_769_601_600_000

    func testOnSQLite() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ledgers-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let backend = try await Backend.open("sqlite:" + directory.appendingPathComponent("l.db").path)
        defer { backend.database.close() }
        try await keptLedgersFollowWhatIsStored(backend)
    }

    func testOnPostgreSQL() async throws {
        guard let url = ProcessInfo.processInfo.environment["TRADING_TEST_POSTGRES_URL"] else {
            throw XCTSkip("TRADING_TEST_POSTGRES_URL is not set (make test starts a throwaway PostgreSQL)")
        }
        let backend = try await Backend.open(try await PostgresDatabase.url(url, selectingEmptySchema: "journal_ledgers"))
        defer { backend.database.close() }
        try await keptLedgersFollowWhatIsStored(backend)
    }

    static func execution(_ id: String, _ side: String, _ quantity: Int, at time: Int, key: ExecutionLedgerKey = key) -> ImportedExecutionRecord {
        ImportedExecutionRecord(
            execution: ExecutionRecord(id: id, orderID: nil, symbol: key.symbol, side: side, quantity: ExactDecimal(quantity),
                                       price: ExactDecimal(100 + quantity), fee: ExactDecimal(1), exchange: key.exchange, executedAt: time),
            importKey: id, importedAt: 0)
    }

    private func keptLedgersFollowWhatIsStored(_ backend: Backend) async throws {
        let cache = JournalLedgerCache(capacity: 1)
        func store(_ executions: [ImportedExecutionRecord]) async throws {
            try await backend.write { r throws(StorageError) in try r.executions.insertImported(executions) }
        }
        /// The cache's answer and a replay of everything stored, as lots and realized PnL.
        func compare(_ key: ExecutionLedgerKey = Self.key, file: StaticString = #filePath, line: UInt = #line) async throws -> [String] {
            let kept = try await cache.ledger(key, backend: backend)
            let history = try await backend.read { r throws(StorageError) in try r.executions.history(key) }
            let replayed = try JournalLedger.replay(history, exchange: key.exchange)
            func text(_ ledger: JournalLedger?) -> [String] {
                (ledger?.lots.map { "\($0.quantity)@\($0.cost)" } ?? []) + ["realized \(ledger?.realizedPnl.description ?? "-")"]
            }
            XCTAssertEqual(text(kept), text(history.isEmpty ? nil : replayed), file: file, line: line)
            return text(kept)
        }

        let empty = try await cache.ledger(Self.key, backend: backend)
        XCTAssertNil(empty, "no executions, no ledger")
        try await store([Self.execution("e1", "Buy", 10, at: Self.t0), Self.execution("e2", "Buy", 5, at: Self.t0 + 1)])
        let first = try await compare()
        XCTAssertEqual(first, ["10@110.1", "5@105.2", "realized 0"])
        XCTAssertEqual(cache.fullReplays, 1)
        // Stored after the last replayed: brought up to date from there.
        try await store([Self.execution("e3", "Sell", 12, at: Self.t0 + 2)])
        let appended = try await compare()
        // (112 − 110.1) × 10 + (112 − 105.2) × 2 − 1
        XCTAssertEqual(appended, ["3@105.2", "realized 31.6"])
        XCTAssertEqual(cache.fullReplays, 1, "only the new execution was replayed")
        // In the same millisecond as the last, a buy sorts before it: replayed from the start.
        try await store([Self.execution("e4", "Buy", 1, at: Self.t0 + 2)])
        let inserted = try await compare()
        XCTAssertEqual(inserted, ["3@105.2", "1@102", "realized 31.6"])
        XCTAssertEqual(cache.fullReplays, 2)
        // Older than everything: replayed from the start.
        try await store([Self.execution("e0", "Buy", 2, at: Self.t0 - 1)])
        let older = try await compare()
        // The sell of 12 now takes the 2 at 102.5 and the 10 at 110.1: 19 + 19 − 1.
        XCTAssertEqual(older, ["5@105.2", "1@102", "realized 37"])
        XCTAssertEqual(cache.fullReplays, 3)
        // Another ledger takes the one place; the first one is replayed again when read.
        let other = ExecutionLedgerKey(exchange: "nh", symbol: "005930")
        try await store([Self.execution("n1", "Buy", 3, at: Self.t0, key: other)])
        let otherLedger = try await compare(other)
        XCTAssertEqual(otherLedger, ["3@103.3333333333333333", "realized 0"])
        try await store([Self.execution("e5", "Sell", 6, at: Self.t0 + 3)])
        let afterEviction = try await compare()
        // (106 − 105.2) × 5 + (106 − 102) × 1 − 1
        XCTAssertEqual(afterEviction, ["realized 44"])
        XCTAssertEqual(cache.fullReplays, 5, "the other ledger took the one place")
        let unchanged = try await compare()
        XCTAssertEqual(unchanged, afterEviction)
        XCTAssertEqual(cache.fullReplays, 5, "nothing stored since: the kept ledger")
    }
}
