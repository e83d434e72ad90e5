import Foundation
import Primitives
import XCTest

@testable import Backends

/// The PostgreSQL driver against a real server: the throwaway one that
/// `scripts/postgres-test-server.sh start DIR` prints the URL of. Set
/// `TRADING_TEST_POSTGRES_URL` to that URL (and `TRADING_TEST_POSTGRES_DIR` to DIR for the
/// restart test); without them these tests skip.
final class PostgresDriverTests: XCTestCase {
    // MARK: - Values

    func testEveryValueKindRoundTripsExactly() async throws {
        let database = try makeDatabase()
        defer { database.close() }
        let table = uniqueName("kinds")
        try await database.write { connection throws(StorageError) in
            try connection.executeScript("""
                CREATE TABLE \(table) (
                    big bigint, ratio double precision, price numeric, label text,
                    data bytea, missing text, flag boolean)
                """)
            try connection.execute(
                "INSERT INTO \(table) VALUES ($1, $2, $3, $4, $5, $6, $7)",
                [.integer(Int64.max), .double(0.1), .text("12345678901234.5678"), .text("삼성전자 매수 체결 🚀"),
                 .blob([0x00, 0x01, 0x5c, 0x09, 0x0a, 0xff]), .null, .text("true")]
            )
        }
        let row = try await database.read { connection throws(StorageError) in
            try connection.query("SELECT * FROM \(table)")
        }.first

        XCTAssertEqual(row?.values, [
            .integer(Int64.max), .double(0.1), .text("12345678901234.5678"), .text("삼성전자 매수 체결 🚀"),
            .blob([0x00, 0x01, 0x5c, 0x09, 0x0a, 0xff]), .null, .text("t"),
        ])
        try await drop(table, in: database)
    }

    func testNumericArithmeticInSQLIsExact() async throws {
        let database = try makeDatabase()
        defer { database.close() }

        let sum = try await database.read { connection throws(StorageError) in
            try connection.query("SELECT $1::numeric + $2::numeric AS sum", "0.1", "0.2")
        }.first?.string("sum")

        XCTAssertEqual(sum, "0.3")
    }

    func testExecuteReturnsTheNumberOfChangedRows() async throws {
        let database = try makeDatabase()
        defer { database.close() }
        let table = uniqueName("counted")

        let changed = try await database.write { connection throws(StorageError) in
            try connection.executeScript("CREATE TABLE \(table) (id int); INSERT INTO \(table) SELECT generate_series(1, 5)")
            return try connection.execute("UPDATE \(table) SET id = id + 10 WHERE id > $1", 2)
        }

        XCTAssertEqual(changed, 3)
        try await drop(table, in: database)
    }

    func testSessionsCarryTheTimeZoneTimeoutAndApplicationName() async throws {
        let database = try makeDatabase(statementTimeoutMilliseconds: 1_500)
        defer { database.close() }

        let row = try await database.read { connection throws(StorageError) in
            try connection.query("""
                SELECT current_setting('TimeZone') AS zone, current_setting('statement_timeout') AS timeout,
                       current_setting('application_name') AS name
                """)
        }.first

        XCTAssertEqual(row?.values, [.text("UTC"), .text("1500ms"), .text("trading-server-tests")])
    }

    // MARK: - Errors

    func testDuplicateKeyFailsWithUniqueViolationNamingTheConstraint() async throws {
        let database = try makeDatabase()
        defer { database.close() }
        let table = uniqueName("orders")
        try await database.write { connection throws(StorageError) in
            try connection.executeScript("CREATE TABLE \(table) (client_id text CONSTRAINT \(table)_client_key UNIQUE)")
            try connection.execute("INSERT INTO \(table) VALUES ($1)", "c-1")
        }

        let error = await storageError {
            try await database.write { connection throws(StorageError) in
                try connection.execute("INSERT INTO \(table) VALUES ($1)", "c-1")
            }
        }

        XCTAssertEqual(error, .uniqueViolation(constraint: "\(table)_client_key"))
        try await drop(table, in: database)
    }

    func testMissingParentFailsWithForeignKeyViolation() async throws {
        let database = try makeDatabase()
        defer { database.close() }
        let parent = uniqueName("accounts")
        let child = uniqueName("orders")
        try await database.write { connection throws(StorageError) in
            try connection.executeScript("""
                CREATE TABLE \(parent) (id bigint PRIMARY KEY);
                CREATE TABLE \(child) (account_id bigint CONSTRAINT \(child)_account_fkey REFERENCES \(parent) (id));
                """)
        }

        let error = await storageError {
            try await database.write { connection throws(StorageError) in
                try connection.execute("INSERT INTO \(child) VALUES ($1)", 42)
            }
        }

        XCTAssertEqual(error, .foreignKeyViolation(constraint: "\(child)_account_fkey"))
        try await drop("\(child), \(parent)", in: database)
    }

    func testThrowingWriteBodyRollsBackItsChanges() async throws {
        let database = try makeDatabase()
        defer { database.close() }
        let table = uniqueName("ledger")
        try await database.write { connection throws(StorageError) in
            try connection.executeScript("CREATE TABLE \(table) (amount numeric)")
        }

        let error = await storageError {
            try await database.write { connection throws(StorageError) in
                try connection.execute("INSERT INTO \(table) VALUES ($1)", "100.00")
                throw StorageError.failed(message: "insufficient funds", statement: "")
            }
        }

        XCTAssertEqual(error, .failed(message: "insufficient funds", statement: ""))
        let rowCount = try await count(table, in: database)
        XCTAssertEqual(rowCount, 0)
        try await drop(table, in: database)
    }

    func testWriteWhoseFailedStatementWasCaughtDoesNotCommit() async throws {
        let database = try makeDatabase()
        defer { database.close() }
        let table = uniqueName("ledger")
        try await database.write { connection throws(StorageError) in
            try connection.executeScript("CREATE TABLE \(table) (id int PRIMARY KEY)")
        }

        let error = await storageError {
            try await database.write { connection throws(StorageError) in
                try connection.execute("INSERT INTO \(table) VALUES (1)")
                _ = try? connection.execute("INSERT INTO \(table) VALUES (1)")
            }
        }

        guard case .failed(_, "COMMIT") = error else { return XCTFail("expected a failed COMMIT, got \(String(describing: error))") }
        let rowCount = try await count(table, in: database)
        XCTAssertEqual(rowCount, 0)
        try await drop(table, in: database)
    }

    func testStatementLongerThanTheTimeoutFailsWithTimeout() async throws {
        let database = try makeDatabase(statementTimeoutMilliseconds: 200)
        defer { database.close() }
        let start = ContinuousClock.now

        let error = await storageError {
            try await database.read { connection throws(StorageError) in
                try connection.query("SELECT pg_sleep(2)")
            }
        }

        XCTAssertEqual(error, .timeout(statement: "SELECT pg_sleep(2)"))
        XCTAssertLessThan(ContinuousClock.now - start, .milliseconds(1500))
    }

    func testServerThatIsDownAtStartFailsInitWithUnavailable() throws {
        // Port 1 on loopback refuses connections: no server needed.
        let start = ContinuousClock.now
        do throws(StorageError) {
            _ = try PostgresDatabase(url: "postgres://postgres@127.0.0.1:1/trading_test")
            XCTFail("init succeeded without a server")
        } catch {
            guard case .unavailable = error else { return XCTFail("expected .unavailable, got \(error)") }
        }
        XCTAssertLessThan(ContinuousClock.now - start, .seconds(2))
    }

    // MARK: - Pool

    func testCheckoutFailsWithPoolExhaustedWhenNoConnectionFreesInTime() async throws {
        let database = try makeDatabase(poolSize: 1, checkoutTimeoutMilliseconds: 300)
        defer { database.close() }
        let holder = Task {
            try await database.read { connection throws(StorageError) in try connection.query("SELECT pg_sleep(1.5)") }
        }
        try await Task.sleep(for: .milliseconds(300))
        let start = ContinuousClock.now

        let error = await storageError { try await database.ping() }

        guard case .unavailable(let reason) = error, reason.contains("pool exhausted") else {
            return XCTFail("expected pool exhausted, got \(String(describing: error))")
        }
        XCTAssertLessThan(ContinuousClock.now - start, .seconds(1))
        _ = try await holder.value
    }

    func testCheckoutWaitsForABusyConnectionToFree() async throws {
        let database = try makeDatabase(poolSize: 1, checkoutTimeoutMilliseconds: 5_000)
        defer { database.close() }
        let holder = Task {
            try await database.read { connection throws(StorageError) in try connection.query("SELECT pg_sleep(0.5)") }
        }
        try await Task.sleep(for: .milliseconds(100))

        let latency = try await database.ping()

        XCTAssertGreaterThanOrEqual(latency, 0)
        _ = try await holder.value
    }

    func testConcurrentWritersAllLand() async throws {
        let database = try makeDatabase(poolSize: 4)
        defer { database.close() }
        let table = uniqueName("fills")
        try await database.write { connection throws(StorageError) in
            try connection.executeScript("CREATE TABLE \(table) (writer int, sequence int, PRIMARY KEY (writer, sequence))")
        }

        try await withThrowingTaskGroup(of: Void.self) { group in
            for writer in 0..<8 {
                group.addTask {
                    for sequence in 0..<100 {
                        _ = try await database.write { connection throws(StorageError) in
                            try connection.execute("INSERT INTO \(table) VALUES ($1, $2)", writer, sequence)
                        }
                    }
                }
            }
            try await group.waitForAll()
        }

        let rowCount = try await count(table, in: database)
        XCTAssertEqual(rowCount, 800)
        try await drop(table, in: database)
    }

    // MARK: - COPY

    func testBulkInsertRoundTripsValuesThatNeedEscaping() async throws {
        let database = try makeDatabase()
        defer { database.close() }
        let table = uniqueName("copied")
        let labels = ["plain", "tab\there", "new\nline", "back\\slash", "cr\r\nend", "\\N", "한국어\t값\\", "", "\\x41"]
        let rows: [[SQLValue]] = (0..<20_000).map { index in
            [
                .integer(Int64(index)),
                .text(labels[index % labels.count]),
                index % 7 == 0 ? .null : .text("\(index).\(index % 100)"),
                index % 5 == 0 ? .null : .text("row \(index)\\\t\n\r end"),
                index % 3 == 0 ? .null : .blob([UInt8(index % 256), 0x5c, 0x0a, 0x09, 0x00]),
            ]
        }
        try await database.write { connection throws(StorageError) in
            try connection.executeScript("CREATE TABLE \(table) (id bigint, label text, amount numeric, note text, payload bytea)")
            try connection.bulkInsert(table: table, columns: ["id", "label", "amount", "note", "payload"], rows: rows)
        }

        let stored = try await database.read { connection throws(StorageError) in
            try connection.query("SELECT id, label, amount, note, payload FROM \(table) ORDER BY id")
        }

        XCTAssertEqual(stored.count, rows.count)
        XCTAssertEqual(stored.map(\.values), rows)
        try await drop(table, in: database)
    }

    /// The typed bulk path sends binary COPY: integers as int8 and decimals in NUMERIC's wire
    /// form, which must arrive exactly, with their scale, whatever their sign and size.
    func testTypedRowsArriveExactlyThroughBinaryCopy() async throws {
        let database = try makeDatabase()
        defer { database.close() }
        let table = uniqueName("binary")
        let texts = ["0", "0.00", "1", "1.10", "-1.10", "0.0001", "0.00001", "-0.05", "65000.10", "10000", "9999.9999",
                     "123456789012345678901234.5", "-98765.000000000000000001", "0.000000000000000001", "12.345678", "100000000"]
        let decimals = texts.map { ExactDecimal($0)! }
        try await database.write { connection throws(StorageError) in
            try connection.executeScript("CREATE TABLE \(table) (tag text, n bigint, amount numeric)")
            try connection.bulkInsert(table: table, columns: ["tag", "n", "amount"], rows: TaggedDecimals(tag: "t", values: decimals))
        }
        let stored = try await database.read { connection throws(StorageError) in
            try connection.query("SELECT tag, n, amount FROM \(table) ORDER BY n")
        }
        XCTAssertEqual(try stored.map { row throws(StorageError) in try row.string("amount") }, texts)
        XCTAssertEqual(try stored.map { row throws(StorageError) in try row.int("n") }, Array(decimals.indices).map { $0 * 1_000_000_007 - 3 })
        XCTAssertEqual(Set(try stored.map { row throws(StorageError) in try row.string("tag") }), ["t"])
        try await drop(table, in: database)
    }

    // MARK: - LISTEN / NOTIFY

    func testNotifyDeliversThePayloadToTheListener() async throws {
        let database = try makeDatabase()
        defer { database.close() }
        let channel = uniqueName("fills")
        let (payloads, continuation) = AsyncStream.makeStream(of: String.self)
        let subscription = try database.listen(channel: channel) { continuation.yield($0) }
        defer { subscription.cancel() }

        try await database.notify(channel: channel, payload: "fill 42 @ 70,100.5 — 체결")

        let received = await first(of: payloads, within: .seconds(5))
        XCTAssertEqual(received, "fill 42 @ 70,100.5 — 체결")
    }

    func testListenRejectsAChannelThatIsNotAPlainIdentifier() throws {
        let database = try makeDatabase()
        defer { database.close() }

        do throws(StorageError) {
            _ = try database.listen(channel: "fills\"; DROP TABLE orders; --") { _ in }
            XCTFail("an unsafe channel name was accepted")
        } catch {
            guard case .failed = error else { return XCTFail("expected .failed, got \(error)") }
        }
    }

    // MARK: - Reconnection

    func testDatabaseFailsFastWhileTheServerIsDownAndRecoversAfterwards() async throws {
        let directory = try serverDirectory()
        let database = try makeDatabase(poolSize: 2)
        defer { database.close() }
        // Both sessions open before the outage, so both have to notice it.
        try await useEverySession(of: database, count: 2)

        try runServerScript("pause", directory)
        var isPaused = true
        defer { if isPaused { try? runServerScript("resume", directory) } }
        for attempt in 1...3 {
            let start = ContinuousClock.now
            let error = await storageError { try await database.read { connection throws(StorageError) in try connection.query("SELECT 1") } }
            guard case .unavailable = error else { return XCTFail("attempt \(attempt): expected .unavailable, got \(String(describing: error))") }
            XCTAssertLessThan(ContinuousClock.now - start, .seconds(3), "attempt \(attempt)")
        }
        try runServerScript("resume", directory)
        isPaused = false

        try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<4 {
                group.addTask { try await database.read { connection throws(StorageError) in try connection.query("SELECT 1 AS one") }.first?.int("one") ?? 0 }
            }
            for try await one in group { XCTAssertEqual(one, 1) }
        }
    }

    func testSessionsOpenedBeforeARestartAreReplacedWithoutFailingARequest() async throws {
        let directory = try serverDirectory()
        let database = try makeDatabase(poolSize: 2)
        defer { database.close() }
        try await useEverySession(of: database, count: 2)

        try runServerScript("restart", directory)

        // Each session finds its socket closed before running anything, and reconnects.
        try await useEverySession(of: database, count: 2)
    }

    func testListenerKeepsListeningAcrossARestart() async throws {
        let directory = try serverDirectory()
        let database = try makeDatabase()
        defer { database.close() }
        let channel = uniqueName("quotes")
        let (payloads, continuation) = AsyncStream.makeStream(of: String.self)
        let subscription = try database.listen(channel: channel) { continuation.yield($0) }
        defer { subscription.cancel() }

        try runServerScript("restart", directory)
        // The listener retries every half second; notify until one lands after it is back.
        let sender = Task {
            for attempt in 0..<20 where !Task.isCancelled {
                try? await database.notify(channel: channel, payload: "after restart \(attempt)")
                try? await Task.sleep(for: .milliseconds(250))
            }
        }
        defer { sender.cancel() }

        let received = await first(of: payloads, within: .seconds(5))
        XCTAssertTrue(received?.hasPrefix("after restart") == true, "received \(String(describing: received))")
    }

    // MARK: - Helpers

    private func makeDatabase(
        poolSize: Int = 4, statementTimeoutMilliseconds: Int = 30_000, checkoutTimeoutMilliseconds: Int = 5_000
    ) throws -> PostgresDatabase {
        guard let url = ProcessInfo.processInfo.environment["TRADING_TEST_POSTGRES_URL"] else {
            throw XCTSkip("TRADING_TEST_POSTGRES_URL is not set (see scripts/postgres-test-server.sh)")
        }
        return try PostgresDatabase(
            url: url, poolSize: poolSize, statementTimeoutMilliseconds: statementTimeoutMilliseconds,
            checkoutTimeoutMilliseconds: checkoutTimeoutMilliseconds, applicationName: "trading-server-tests"
        )
    }

    private func serverDirectory() throws -> String {
        guard let directory = ProcessInfo.processInfo.environment["TRADING_TEST_POSTGRES_DIR"] else {
            throw XCTSkip("TRADING_TEST_POSTGRES_DIR is not set (the directory given to postgres-test-server.sh start)")
        }
        return directory
    }

    /// Runs `count` overlapping reads, so that a pool of `count` sessions uses every one.
    private func useEverySession(of database: PostgresDatabase, count: Int) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<count {
                group.addTask {
                    _ = try await database.read { connection throws(StorageError) in try connection.query("SELECT pg_sleep(0.1)") }
                }
            }
            try await group.waitForAll()
        }
    }

    private func uniqueName(_ prefix: String) -> String {
        "test_\(prefix)_\(UInt32.random(in: 0...UInt32.max))"
    }

    private func count(_ table: String, in database: PostgresDatabase) async throws -> Int {
        try await database.read { connection throws(StorageError) in
            try connection.query("SELECT count(*) AS n FROM \(table)").first?.int("n") ?? -1
        }
    }

    private func drop(_ tables: String, in database: PostgresDatabase) async throws {
        try await database.write { connection throws(StorageError) in try connection.executeScript("DROP TABLE \(tables)") }
    }

    private func storageError<Value>(_ operation: () async throws -> Value) async -> StorageError? {
        do {
            _ = try await operation()
            return nil
        } catch let error as StorageError {
            return error
        } catch {
            XCTFail("not a StorageError: \(error)")
            return nil
        }
    }

    private func first(of stream: AsyncStream<String>, within timeout: Duration) async -> String? {
        await withTaskGroup(of: String?.self) { group in
            group.addTask {
                var iterator = stream.makeAsyncIterator()
                return await iterator.next()
            }
            group.addTask {
                try? await Task.sleep(for: timeout)
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first
        }
    }

    /// Runs `scripts/postgres-test-server.sh`. Spawned and reaped directly rather than with
    /// Foundation's `Process`, whose `waitUntilExit` never returns once the script has left a
    /// daemonised server holding descriptors it inherited.
    private func runServerScript(_ command: String, _ directory: String) throws {
        let script = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("scripts/postgres-test-server.sh")
        let words: [String] = ["/bin/bash", script.path, command, directory]
        let arguments = words.map { strdup($0) } + [nil]
        defer { arguments.forEach { free($0) } }
        var child = pid_t()
        guard posix_spawn(&child, "/bin/bash", nil, nil, arguments, environ) == 0 else {
            throw StorageError.failed(message: "could not run postgres-test-server.sh \(command)", statement: "")
        }
        var status: Int32 = 0
        while waitpid(child, &status, 0) == -1 && errno == EINTR {}
        // WIFEXITED and WEXITSTATUS are macros Swift does not import: exited normally, with 0.
        guard status & 0x7f == 0, (status >> 8) & 0xff == 0 else {
            throw StorageError.failed(message: "postgres-test-server.sh \(command) failed (wait status \(status))", statement: "")
        }
    }
}

/// Decimals as typed bulk rows after a constant tag: each row writes a number and a decimal.
private struct TaggedDecimals: SQLBulkRows {
    let tag: String
    let values: [ExactDecimal]
    var constants: [SQLValue] { [.text(tag)] }
    var varyingColumnCount: Int { 2 }
    var count: Int { values.count }
    func writeRow<Writer: SQLCellWriter>(_ index: Int, to writer: inout Writer) {
        writer.integer(Int64(index) * 1_000_000_007 - 3)
        writer.decimal(values[index])
    }
}
