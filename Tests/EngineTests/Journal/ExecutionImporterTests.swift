import Backends
import Foundation
import Primitives
import XCTest
@testable import Engine

/// `trading-server import-executions` below the command: a file's executions stored in one
/// transaction or not at all, checked by replaying each venue's ledger with what is stored,
/// a re-import adding nothing; on SQLite and PostgreSQL.
final class ExecutionImporterTests: XCTestCase {
    static let header = "executed_at,symbol,side,quantity,price,fee,exchange,execution_id\n"

    static func lines(_ text: String) throws -> [ExecutionCSV.Line] {
        try ExecutionCSV.parse(text, symbol: { SymbolKey($0).map(\.orderForm) }, reservedExchanges: [PositionKey.spot, PositionKey.margin],
                               at: 7, id: { UUID().uuidString.lowercased() })
    }

    func testOnSQLite() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("imports-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let backend = try await Backend.open("sqlite:" + directory.appendingPathComponent("i.db").path)
        defer { backend.database.close() }
        try await importsAreWholeCheckedAndIdempotent(backend)
    }

    func testOnPostgreSQL() async throws {
        guard let url = ProcessInfo.processInfo.environment["TRADING_TEST_POSTGRES_URL"] else {
            throw XCTSkip("TRADING_TEST_POSTGRES_URL is not set (make test starts a throwaway PostgreSQL)")
        }
        let backend = try await Backend.open(try await PostgresDatabase.url(url, selectingEmptySchema: "execution_imports"))
        defer { backend.database.close() }
        try await importsAreWholeCheckedAndIdempotent(backend)
    }

    private func importsAreWholeCheckedAndIdempotent(_ backend: Backend) async throws {
        let importer = ExecutionImporter(backend: backend)
        func stored() async throws -> Int { try await backend.read { r throws(StorageError) in try r.executions.count(ExecutionFilter()) } }
        func refusal(_ text: String, file: StaticString = #filePath, line: UInt = #line) async throws -> String? {
            do {
                let outcome = try await importer.load(try Self.lines(text))
                XCTFail("imported: \(outcome)", file: file, line: line)
                return nil
            } catch let failure as ExecutionImporter.Failure {
                return failure.description
            }
        }

        // A good file: two venues, two symbols, a lot taken in part.
        let good = Self.header
            + "2026-01-15 01:00:00,005930,buy,5,64000,150,kis,A-1\n"
            + "2026-01-20 01:30:00,005930,buy,5,66000,,kis,A-2\n"
            + "2026-01-21 00:00:00,005930,sell,3,70000,100,kis,A-3\n"
            + "2026-01-21 00:00:00,BTC-USDT,buy,0.5,40000,2,upbit,\n"
        let outcome = try await importer.load(try Self.lines(good))
        XCTAssertEqual(outcome, ExecutionImporter.Outcome(added: 4, present: 0))
        let samsung = try await backend.read { r throws(StorageError) in try r.executions.history(ExecutionLedgerKey(exchange: "kis", symbol: "005930")) }
        let ledger = try JournalLedger.replay(samsung, exchange: "kis")
        XCTAssertEqual(ledger.lots.map { "\($0.quantity)@\($0.cost)" }, ["2@64030", "5@66000"])
        // (70000 − 64030) × 3 − 100
        XCTAssertEqual(ledger.realizedPnl, ExactDecimal(17_810))
        XCTAssertEqual(samsung.map(\.orderID), [nil, nil, nil])

        // Again: nothing new, nothing changed.
        let again = try await importer.load(try Self.lines(good))
        XCTAssertEqual(again, ExecutionImporter.Outcome(added: 0, present: 4))
        let countAfterAgain = try await stored()
        XCTAssertEqual(countAfterAgain, 4)

        // Each refused file stores nothing, not even its good lines.
        let goodLine = "2026-02-01 00:00:00,005930,buy,1,70000,0,kis,B-1\n"
        let refused: [(String, String)] = [
            ("2026-02-01 00:00:00,005930,buy,0.000000001,70000,0,kis,\n",
             "line 3, column quantity: has more than 8 decimal places"),
            ("2026-02-01 00:00:00,005930,buy,1,70000.123456789,0,kis,\n",
             "line 3, column price: has more than 8 decimal places"),
            ("2026-02-01 00:00:00,005930,buy,1,70000,1000000000000,kis,\n",
             "line 3, column fee: must be below 1000000000000"),
            ("2026-02-01 00:00:00,005930,buy,100000000,100000000,0,kis,\n",
             "line 3, column quantity: × price must be below 1000000000000000"),
            // Holding 5 + 5 − 3 = 7 plus the good line's 1: a sell of 9 is one too many.
            ("2026-02-02 00:00:00,005930,sell,9,70000,0,kis,\n",
             "line 3: the sell of 005930 on kis at 2026-02-02T00:00:00Z sells 9 while the venue holds 8, counting the executions before it"),
            // Holding 10 before the stored sell of 3 on 2026-01-21, a sell of 8 leaves it 2.
            ("2026-01-20 12:00:00,005930,sell,8,65000,0,kis,\n",
             "line 3: after this sell, the stored sell \(samsung[2].id) of 005930 on kis at 2026-01-21T00:00:00Z sells 3 while the venue holds 2"),
            ("2026-01-01 00:00:00,BTC/USDT,sell,0.1,40000,0,upbit,\n",
             "line 3: the sell of BTC/USDT on upbit at 2026-01-01T00:00:00Z sells 0.1 while the venue holds 0, counting the executions before it"),
        ]
        for (line, expected) in refused {
            let message = try await refusal(Self.header + goodLine + line)
            XCTAssertEqual(message, expected)
            let count = try await stored()
            XCTAssertEqual(count, 4, "nothing stored after: \(expected)")
        }

        // A sell on another venue draws on that venue alone; a later import may sell what an earlier one bought.
        let more = Self.header + "2026-02-03 00:00:00,BTC/USDT,sell,0.5,41000,1,upbit,\n" + "2026-02-03 00:00:00,005930,sell,4,71000,0,kis,\n"
        let moreOutcome = try await importer.load(try Self.lines(more))
        XCTAssertEqual(moreOutcome, ExecutionImporter.Outcome(added: 2, present: 0))
        let venues = try await backend.read { r throws(StorageError) in try r.executions.ledgers() }
        XCTAssertEqual(venues, [ExecutionLedgerKey(exchange: "kis", symbol: "005930"), ExecutionLedgerKey(exchange: "upbit", symbol: "BTC/USDT")])
    }
}
