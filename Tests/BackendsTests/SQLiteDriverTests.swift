import Foundation
import XCTest
@testable import Backends

/// The SQLite driver on a real file per test: binding, placeholders, errors, transactions,
/// the writer/readers split and the statement cache.
final class SQLiteDriverTests: XCTestCase {
    private var directory: URL!
    private var database: SQLiteDatabase!

    override func setUp() async throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("sqlite-driver-\(UUID().uuidString)")
        // A nested path: opening also creates the missing directories.
        database = try SQLiteDatabase(path: directory.appendingPathComponent("nested/test.sqlite").path)
    }

    override func tearDown() async throws {
        await database?.closeAndWait()
        database = nil
        try? FileManager.default.removeItem(at: directory)
    }

    /// The error `operation` throws, or nil.
    private func error(of operation: () async throws(StorageError) -> Void) async -> StorageError? {
        do {
            try await operation()
            return nil
        } catch {
            return error
        }
    }

    private func count(_ table: String) async throws -> Int {
        try await database.read { connection throws(StorageError) in
            try connection.query("SELECT COUNT(*) AS n FROM \(table)").first?.int("n") ?? -1
        }
    }

    private func createNames() async throws {
        try await database.write { connection throws(StorageError) in
            try connection.executeScript("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE)")
        }
    }

    /// A new file is made with 16 KiB pages, in WAL mode, and readers see the same file.
    func testANewFileHasSixteenKibibytePagesInWALMode() async throws {
        let (size, mode) = try await database.read { connection throws(StorageError) in
            (try connection.query("PRAGMA page_size").first?.int("page_size"),
             try connection.query("PRAGMA journal_mode").first?.optionalString("journal_mode"))
        }
        XCTAssertEqual(size, 16384)
        XCTAssertEqual(mode, "wal")
    }

    /// A second process opening the file while the first writes waits for the lock (the busy
    /// timeout is set before the writer's first statement) instead of failing to open: two
    /// server instances on one file start in any order.
    func testOpeningWhileAnotherDatabaseWritesWaitsForTheLock() async throws {
        try await createNames()
        let path = directory.appendingPathComponent("nested/test.sqlite").path
        let holding = Task { [database] in
            try await database!.write { connection throws(StorageError) in
                try connection.execute("INSERT INTO t (name) VALUES ($1)", [.text("held")])
                Thread.sleep(forTimeInterval: 0.5)
            }
        }
        try await Task.sleep(nanoseconds: 100_000_000)
        let second = try SQLiteDatabase(path: path)
        try await holding.value
        let names = try await second.read { connection throws(StorageError) in
            try connection.query("SELECT name FROM t").map { row throws(StorageError) in try row.string("name") }
        }
        XCTAssertEqual(names, ["held"])
        await second.closeAndWait()
    }

    /// (Text holding U+0000 is refused by both drivers: `NullCharacterConformanceSuite`.)
    func testEveryValueKindRoundTrips() async throws {
        let blob: [UInt8] = [0, 1, 127, 128, 255]
        try await database.write { connection throws(StorageError) in
            try connection.executeScript("CREATE TABLE v (i INTEGER, d REAL, s TEXT, b BLOB, n TEXT)")
            try connection.execute("INSERT INTO v VALUES ($1, $2, $3, $4, $5)",
                                   [.integer(.max), .double(-3.25), .text("비트코인 매수 주문"), .blob([]), .null])
            try connection.execute("INSERT INTO v VALUES ($1, $2, $3, $4, $5)",
                                   [.integer(.min), .double(0), .text(""), .blob(blob), .text("a\u{1}b")])
        }
        let rows = try await database.read { connection throws(StorageError) in
            try connection.query("SELECT i, d, s, b, n FROM v ORDER BY i DESC")
        }
        XCTAssertEqual(rows.map(\.columns), [["i", "d", "s", "b", "n"], ["i", "d", "s", "b", "n"]])
        XCTAssertEqual(rows.map(\.values), [
            [.integer(.max), .double(-3.25), .text("비트코인 매수 주문"), .blob([]), .null],
            [.integer(.min), .double(0), .text(""), .blob(blob), .text("a\u{1}b")],
        ])
    }

    func testPlaceholdersBindByTheirNumberNotTheirPosition() async throws {
        let row = try await database.read { connection throws(StorageError) in
            try connection.query("SELECT $2 AS second, $1 AS first, $2 || $1 AS both", "one", "two").first
        }
        XCTAssertEqual(row?.values, [.text("two"), .text("one"), .text("twoone")])
    }

    func testDollarOneInsideALiteralOrQuotedNameIsNotAPlaceholder() async throws {
        let row = try await database.read { connection throws(StorageError) in
            try connection.query("SELECT '$1 costs $2' AS \"$1\", $1 AS bound -- $3\n /* $4 */", "x").first
        }
        XCTAssertEqual(row?.columns, ["$1", "bound"])
        XCTAssertEqual(row?.values, [.text("$1 costs $2"), .text("x")])
    }

    func testDuplicateIsAUniqueViolationNamingTheColumn() async throws {
        try await createNames()
        let failure = await error { () async throws(StorageError) in
            try await self.database.write { connection throws(StorageError) in
                try connection.execute("INSERT INTO t (name) VALUES ($1)", "alice")
                try connection.execute("INSERT INTO t (name) VALUES ($1)", "alice")
            }
        }
        XCTAssertEqual(failure, .uniqueViolation(constraint: "t.name"))
    }

    func testDuplicatePrimaryKeyIsAUniqueViolation() async throws {
        try await createNames()
        let failure = await error { () async throws(StorageError) in
            _ = try await self.database.write { connection throws(StorageError) in
                try connection.execute("INSERT INTO t (id, name) VALUES ($1, $2), ($1, $3)", 7, "alice", "bob")
            }
        }
        XCTAssertEqual(failure, .uniqueViolation(constraint: "t.id"))
    }

    func testMissingParentIsAForeignKeyViolation() async throws {
        let failure = await error { () async throws(StorageError) in
            try await self.database.write { connection throws(StorageError) in
                try connection.executeScript("""
                    CREATE TABLE parent (id INTEGER PRIMARY KEY);
                    CREATE TABLE child (id INTEGER PRIMARY KEY, parent_id INTEGER NOT NULL REFERENCES parent(id));
                    """)
                try connection.execute("INSERT INTO child (parent_id) VALUES ($1)", 42)
            }
        }
        guard case .foreignKeyViolation = failure else { return XCTFail("expected a foreign key violation, got \(String(describing: failure))") }
    }

    func testNullInANotNullColumnIsAConstraintViolation() async throws {
        try await createNames()
        let failure = await error { () async throws(StorageError) in
            _ = try await self.database.write { connection throws(StorageError) in
                try connection.execute("INSERT INTO t (name) VALUES ($1)", [.null])
            }
        }
        XCTAssertEqual(failure, .constraintViolation(constraint: "t.name"))
    }

    func testAThrowingWriteRollsBackEverything() async throws {
        try await createNames()
        let failure = await error { () async throws(StorageError) in
            try await self.database.write { connection throws(StorageError) in
                try connection.execute("INSERT INTO t (name) VALUES ($1)", "alice")
                try connection.execute("UPDATE t SET name = $1", "bob")
                throw .timeout(statement: "abandoned")
            }
        }
        XCTAssertEqual(failure, .timeout(statement: "abandoned"))
        let remaining = try await count("t")
        XCTAssertEqual(remaining, 0)
        // The writer is usable again: the transaction really ended.
        _ = try await database.write { connection throws(StorageError) in try connection.execute("INSERT INTO t (name) VALUES ($1)", "carol") }
        let afterRetry = try await count("t")
        XCTAssertEqual(afterRetry, 1)
    }

    func testReadsSeeTheLastCommitWhileAWriteIsOpen() async throws {
        try await createNames()
        _ = try await database.write { connection throws(StorageError) in try connection.execute("INSERT INTO t (name) VALUES ($1)", "committed") }
        let (writeStarted, started) = AsyncStream.makeStream(of: Void.self)
        let database = database!
        let write = Task {
            try await database.write { connection throws(StorageError) in
                try connection.execute("INSERT INTO t (name) VALUES ($1)", "pending")
                started.yield()
                // Hold the write transaction open on the writer's thread.
                usleep(500_000)
                return ContinuousClock.now
            }
        }
        var events = writeStarted.makeAsyncIterator()
        await events.next()
        let (seen, readAt) = try await database.read { connection throws(StorageError) in
            (try connection.query("SELECT name FROM t ORDER BY id").map { row throws(StorageError) in try row.string("name") }, ContinuousClock.now)
        }
        let committedAt = try await write.value
        XCTAssertEqual(seen, ["committed"])
        XCTAssertLessThan(readAt, committedAt, "the read waited for the write")
        let afterCommit = try await count("t")
        XCTAssertEqual(afterCommit, 2)
    }

    func testConcurrentWritesAreSerializedAndAllLand() async throws {
        try await createNames()
        let database = database!
        try await withThrowingTaskGroup(of: Void.self) { group in
            for task in 0..<8 {
                group.addTask {
                    for write in 0..<200 {
                        _ = try await database.write { connection throws(StorageError) in
                            try connection.execute("INSERT INTO t (name) VALUES ($1)", "task\(task)-write\(write)")
                        }
                    }
                }
            }
            try await group.waitForAll()
        }
        let landed = try await count("t")
        XCTAssertEqual(landed, 1600)
    }

    func testTheSameStatementTenThousandTimesIsCorrectAndFast() async throws {
        let start = ContinuousClock.now
        let mismatches = try await database.write { connection throws(StorageError) in
            try connection.executeScript("CREATE TABLE squares (n INTEGER PRIMARY KEY, square INTEGER)")
            var mismatches = 0
            for n in 0..<10_000 {
                try connection.execute("INSERT INTO squares (n, square) VALUES ($1, $2)", n, n * n)
                let square = try connection.query("SELECT square FROM squares WHERE n = $1", n).first?.int("square")
                if square != n * n { mismatches += 1 }
            }
            return mismatches
        }
        let elapsed = ContinuousClock.now - start
        print("SQLiteDriverTests: 10,000 × (cached INSERT + cached SELECT) in \(elapsed)")
        XCTAssertEqual(mismatches, 0)
        // Loose on purpose (a busy CI machine), yet far below re-preparing 20,000 statements
        // in a debug build.
        XCTAssertLessThan(elapsed, .seconds(10))
    }

    func testBulkInsertOfTenThousandRows() async throws {
        let rows = (0..<10_000).map { n -> [SQLValue] in [.integer(Int64(n)), .text("row \(n)")] }
        try await database.write { connection throws(StorageError) in
            try connection.executeScript("CREATE TABLE bulk (n INTEGER PRIMARY KEY, label TEXT NOT NULL)")
            try connection.bulkInsert(table: "bulk", columns: ["n", "label"], rows: rows)
        }
        let summary = try await database.read { connection throws(StorageError) in
            try connection.query("SELECT COUNT(*) AS n, MAX(label) AS last, SUM(n) AS total FROM bulk").first
        }
        XCTAssertEqual(try summary?.int("n"), 10_000)
        XCTAssertEqual(try summary?.int("total"), 49_995_000)
        XCTAssertEqual(summary?.optionalString("last"), "row 9999")
    }

    func testBulkInsertRejectsARowOfTheWrongWidthAndKeepsNothing() async throws {
        try await createNames()
        let failure = await error { () async throws(StorageError) in
            try await self.database.write { connection throws(StorageError) in
                try connection.bulkInsert(table: "t", columns: ["id", "name"], rows: [[.integer(1), .text("a")], [.integer(2)]])
            }
        }
        guard case .failed(let message, _) = failure else { return XCTFail("got \(String(describing: failure))") }
        XCTAssertTrue(message.contains("row 1"), message)
        let remaining = try await count("t")
        XCTAssertEqual(remaining, 0)
    }

    func testBadSQLFailsWithTheStatement() async throws {
        let failure = await error { () async throws(StorageError) in
            _ = try await self.database.read { connection throws(StorageError) in try connection.query("SELEC name FROM nowhere") }
        }
        guard case .failed(let message, let statement) = failure else { return XCTFail("got \(String(describing: failure))") }
        XCTAssertTrue(message.contains("syntax error"), message)
        XCTAssertEqual(statement, "SELEC name FROM nowhere")
    }

    func testSeveralStatementsInOneQueryAreRefused() async throws {
        try await createNames()
        let failure = await error { () async throws(StorageError) in
            _ = try await self.database.write { connection throws(StorageError) in
                try connection.execute("INSERT INTO t (name) VALUES ('a'); DELETE FROM t")
            }
        }
        guard case .failed(let message, _) = failure else { return XCTFail("got \(String(describing: failure))") }
        XCTAssertTrue(message.contains("several statements"), message)
    }

    func testMalformedPlaceholdersAreReportedNotBound() async throws {
        for sql in ["SELECT $0", "SELECT $x", "SELECT $", "SELECT $1x", "SELECT ?"] {
            let failure = await error { () async throws(StorageError) in
                _ = try await self.database.read { connection throws(StorageError) in try connection.query(sql, "value") }
            }
            guard case .failed(let message, let statement) = failure else { XCTFail("\(sql): got \(String(describing: failure))"); continue }
            XCTAssertTrue(message.contains("malformed placeholder"), "\(sql): \(message)")
            XCTAssertEqual(statement, sql)
        }
    }

    func testAParameterCountMismatchIsReported() async throws {
        let failure = await error { () async throws(StorageError) in
            _ = try await self.database.read { connection throws(StorageError) in try connection.query("SELECT $1, $2", "only one") }
        }
        guard case .failed(let message, _) = failure else { return XCTFail("got \(String(describing: failure))") }
        XCTAssertTrue(message.contains("2 parameters, 1 were given"), message)
    }

    func testReadersRefuseWrites() async throws {
        try await createNames()
        let failure = await error { () async throws(StorageError) in
            _ = try await self.database.read { connection throws(StorageError) in try connection.execute("INSERT INTO t (name) VALUES ('x')") }
        }
        guard case .failed(let message, _) = failure else { return XCTFail("got \(String(describing: failure))") }
        XCTAssertTrue(message.contains("readonly"), message)
    }

    func testALockHeldPastTheBusyTimeoutIsUnavailable() async throws {
        let path = directory.appendingPathComponent("locked.sqlite").path
        let impatient = try SQLiteDatabase(path: path, readers: 1, busyTimeoutMilliseconds: 100)
        // Another process's writer, holding the write lock.
        let other = try SQLiteConnection(path: path, role: .writer, busyTimeoutMilliseconds: 0)
        try other.execute("BEGIN IMMEDIATE", [])
        let failure = await error { () async throws(StorageError) in
            try await impatient.write { connection throws(StorageError) in try connection.executeScript("CREATE TABLE x (a)") }
        }
        try other.execute("ROLLBACK", [])
        other.close()
        await impatient.closeAndWait()
        guard case .unavailable(let reason) = failure else { return XCTFail("got \(String(describing: failure))") }
        XCTAssertTrue(reason.contains("BEGIN IMMEDIATE"), reason)
    }

    func testCallsAfterCloseAreUnavailable() async throws {
        database.close()
        let readFailure = await error { () async throws(StorageError) in
            _ = try await self.database.read { connection throws(StorageError) in try connection.query("SELECT 1") }
        }
        let pingFailure = await error { () async throws(StorageError) in _ = try await self.database.ping() }
        guard case .unavailable = readFailure, case .unavailable = pingFailure else {
            return XCTFail("got \(String(describing: readFailure)), \(String(describing: pingFailure))")
        }
    }

    func testPingAnswers() async throws {
        let milliseconds = try await database.ping()
        XCTAssertGreaterThanOrEqual(milliseconds, 0)
    }

    func testIntegrityCheckOfASoundFileIsOK() async throws {
        try await createNames()
        _ = try await database.write { connection throws(StorageError) in try connection.execute("INSERT INTO t (name) VALUES ($1)", "alice") }
        let report = try await database.integrityCheck()
        XCTAssertEqual(report, ["ok"])
    }

    func testInMemoryPathsAreRefused() {
        XCTAssertThrowsError(try SQLiteDatabase(path: ":memory:"))
    }

    /// Prints bulkInsert throughput for 200,000 candle-shaped rows in one write; no assertion
    /// on time, only on the count.
    func testBulkInsertThroughputOfCandleRows() async throws {
        let rows = (0..<200_000).map { n -> [SQLValue] in
            let open = 50_000 + n % 1000
            return [.text("BTC/USDT"), .text("1m"), .integer(1_700_000_000_000 + Int64(n) * 60_000),
                    .text("\(open).25"), .text("\(open + 10).50"), .text("\(open - 10).75"), .text("\(open + 1).00")]
        }
        try await database.write { connection throws(StorageError) in
            try connection.executeScript("""
                CREATE TABLE candles (symbol TEXT NOT NULL, timeframe TEXT NOT NULL, ts INTEGER NOT NULL,
                    open TEXT NOT NULL, high TEXT NOT NULL, low TEXT NOT NULL, close TEXT NOT NULL,
                    PRIMARY KEY (symbol, timeframe, ts))
                """)
        }
        let start = ContinuousClock.now
        try await database.write { connection throws(StorageError) in
            try connection.bulkInsert(table: "candles", columns: ["symbol", "timeframe", "ts", "open", "high", "low", "close"], rows: rows)
        }
        let elapsed = ContinuousClock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        print("SQLiteDriverTests: bulkInsert of 200,000 candle rows (7 columns) in \(elapsed): \(Int(200_000 / seconds)) rows/s")
        let stored = try await count("candles")
        XCTAssertEqual(stored, 200_000)
    }
}
