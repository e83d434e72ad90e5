#if canImport(Glibc)
import Glibc
#endif
import CSQLite

/// One SQLite connection: the writer or a reader of an `SQLiteDatabase`.
///
/// `@unchecked Sendable`: the connection is opened on the thread that creates the database
/// and then used only on its worker's thread (jobs reach it through `BlockingWorker.run`,
/// whose lock orders the hand-over). It is never used by two threads at once, which is
/// what lets SQLite skip its own mutexes (`SQLITE_OPEN_NOMUTEX`).
final class SQLiteConnection: SQLConnection, @unchecked Sendable {
    /// What the connection is for, which decides how it is opened.
    enum Role {
        /// The one connection that writes; it creates the file and turns on WAL.
        case writer
        /// A read-only connection; WAL lets it read while the writer writes.
        case reader
    }

    /// Rows a typed bulk insert's statement carries: one step and one reset per 256 rows,
    /// with 3 + 6 × 256 parameters for candles, well inside SQLite's limit of 32,766.
    private static let bulkRowsPerStatement = 256

    let dialect = SQLDialect.sqlite
    /// The database file, for messages.
    let path: String
    /// Nil once closed; every call then fails with `.unavailable`.
    private var handle: OpaquePointer?
    private let statements = SQLiteStatementCache(capacity: 256)

    /// Opens and configures the connection; the writer must be opened before the readers.
    init(path: String, role: Role, busyTimeoutMilliseconds: Int) throws(StorageError) {
        self.path = path
        let flags: Int32
        switch role {
        case .writer:
            try Self.createParentDirectory(of: path)
            flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI
        case .reader:
            flags = SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI
        }
        var opened: OpaquePointer?
        let code = sqlite3_open_v2(path, &opened, flags, nil)
        guard code == SQLITE_OK, let opened else {
            let message = opened.map { String(cString: sqlite3_errmsg($0)) } ?? String(cString: sqlite3_errstr(code))
            // SQLite returns a handle even when opening fails, and it must be closed.
            sqlite3_close_v2(opened)
            throw .failed(message: "cannot open \(path): \(message)", statement: "sqlite3_open_v2")
        }
        handle = opened
        // Extended codes tell a UNIQUE failure from a NOT NULL one; both are plain SQLITE_CONSTRAINT otherwise.
        sqlite3_extended_result_codes(opened, 1)
        // First of all: until it is set, a statement meeting another process's lock fails at
        // once instead of waiting (enableWAL's probe write below met a sibling instance's
        // write and refused to start the server).
        try executeScript("PRAGMA busy_timeout = \(busyTimeoutMilliseconds);")
        if role == .writer {
            // 16 KiB pages for a new file (an existing one keeps the size it was made with): a
            // B-tree of fewer, fuller pages takes a bulk load of candles a quarter faster
            // (bench/storage.sh: 651-660k -> 811-832k rows/s), and neither the batched order
            // writes nor the engine's write-behind got slower. Set before WAL, which fixes it.
            try executeScript("PRAGMA page_size = 16384;")
            try enableWAL()
            // 64 MiB of page cache for the one writer (the default is 2 MiB): bulk loads of
            // candles touch the whole index of a series, and spilling pages mid-transaction
            // costs more than the memory.
            try executeScript("PRAGMA cache_size = -65536;")
        }
        // synchronous = NORMAL: in WAL mode a commit is a write(2) to the WAL file, and fsync
        // happens only at checkpoints. Once write(2) returns, the commit is in the kernel's
        // page cache, which outlives the process: after a crash or SIGKILL of the server
        // every acknowledged commit is still there. Only an OS crash or power loss before the
        // kernel flushes can lose the last commits; the file then rolls back to an earlier
        // commit and stays consistent. FULL would close that gap at the price of one fsync
        // per commit (milliseconds on most disks), which a trading server's write path cannot
        // afford for a risk that belongs to the host, not the process.
        try executeScript("""
            PRAGMA foreign_keys = ON;
            PRAGMA synchronous = NORMAL;
            PRAGMA temp_store = MEMORY;
            """)
    }

    deinit {
        close()
    }

    // MARK: SQLConnection

    @discardableResult
    func query(_ sql: String, _ parameters: [SQLValue]) throws(StorageError) -> [SQLRow] {
        let statement = try prepared(sql)
        defer { statement.reset() }
        try statement.bind(parameters)
        return try statement.rows()
    }

    @discardableResult
    func execute(_ sql: String, _ parameters: [SQLValue]) throws(StorageError) -> Int {
        let statement = try prepared(sql)
        defer { statement.reset() }
        try statement.bind(parameters)
        try statement.run()
        return Int(sqlite3_changes64(try openHandle()))
    }

    /// Runs `sql` as-is: scripts take no parameters, so their placeholders are not rewritten.
    func executeScript(_ sql: String) throws(StorageError) {
        let handle = try openHandle()
        var message: UnsafeMutablePointer<CChar>?
        let code = sqlite3_exec(handle, sql, nil, nil, &message)
        defer { sqlite3_free(message) }
        guard code == SQLITE_OK else {
            let text = message.map { String(cString: $0) } ?? String(cString: sqlite3_errmsg(handle))
            throw SQLiteResultCode(code).storageError(message: text, statement: sql)
        }
    }

    /// Inserts `rows` with one prepared statement, stepped once per row.
    ///
    /// It opens no transaction of its own: the caller runs it inside `SQLiteDatabase.write`,
    /// so that all rows commit together with one WAL append (a transaction per row would be
    /// a hundred times slower), and a failing row whose error leaves the body rolls back the
    /// rows inserted before it. `table` and `columns` are quoted as single identifiers, so
    /// `main.t` names a table called "main.t".
    func bulkInsert(table: String, columns: [String], rows: [[SQLValue]]) throws(StorageError) {
        let placeholders = SQLPlaceholders.list(max(1, columns.count))
        let sql = "INSERT INTO \(Self.quoted(table)) (\(columns.map(Self.quoted).joined(separator: ", "))) VALUES (\(placeholders))"
        guard !columns.isEmpty else { throw .failed(message: "bulkInsert needs at least one column", statement: sql) }
        guard !rows.isEmpty else { return }
        let statement = try prepared(sql)
        defer { statement.reset() }
        for index in rows.indices {
            let row = rows[index]
            guard row.count == columns.count else {
                throw .failed(message: "row \(index) has \(row.count) values for \(columns.count) columns", statement: sql)
            }
            if index == 0 {
                try statement.bind(row)
            } else {
                try statement.bind(row, changedFrom: rows[index - 1])
            }
            try statement.run()
            statement.rewind()
        }
    }

    /// Inserts typed rows with multi-row statements: each carries `bulkRowsPerStatement`
    /// rows, the constant columns are bound once as `?1…` and repeated in every tuple, and
    /// the varying cells are bound straight from the rows (`SQLiteCellBinder`). Rows left
    /// over go through the one-row form of the same statement. Like the other `bulkInsert`,
    /// it opens no transaction of its own.
    func bulkInsert(table: String, columns: [String], rows: some SQLBulkRows) throws(StorageError) {
        let constants = rows.constants
        guard rows.varyingColumnCount > 0, columns.count == constants.count + rows.varyingColumnCount else {
            throw .failed(message: "\(columns.count) columns for \(constants.count) constant and \(rows.varyingColumnCount) varying values",
                          statement: "bulk insert into \(table)")
        }
        var index = 0
        while index < constants.count {
            try SQLValue.refuseNullCharacter(constants[index], parameter: index)
            index += 1
        }
        let perStatement = min(rows.count, Self.bulkRowsPerStatement)
        guard perStatement > 0 else { return }
        let whole = rows.count - rows.count % perStatement
        try insert(rows, 0..<whole, tuplesPerStatement: perStatement, table: table, columns: columns)
        try insert(rows, whole..<rows.count, tuplesPerStatement: 1, table: table, columns: columns)
    }

    // MARK: Transactions and lifetime

    /// Runs `body` between `begin` and `COMMIT`, rolling back when the body or the commit
    /// throws, and rethrows the body's error.
    func transaction<Result>(
        begin: String, _ body: (SQLiteConnection) throws(StorageError) -> Result
    ) throws(StorageError) -> Result {
        try execute(begin, [])
        do throws(StorageError) {
            let result = try body(self)
            try execute("COMMIT", [])
            return result
        } catch {
            rollback()
            throw error
        }
    }

    /// Finalizes every cached statement, then closes; later calls fail with `.unavailable`.
    func close() {
        guard let handle else { return }
        // With no statement left, close_v2 closes at once instead of waiting for them.
        statements.removeAll()
        sqlite3_close_v2(handle)
        self.handle = nil
    }

    // MARK: Private

    /// Frees the cached pages not in use; nothing when closed.
    func releaseMemory() {
        if let handle { _ = sqlite3_db_release_memory(handle) }
    }

    private func openHandle() throws(StorageError) -> OpaquePointer {
        guard let handle else { throw .unavailable("the database is closed") }
        return handle
    }

    private func prepared(_ sql: String) throws(StorageError) -> SQLiteStatement {
        let handle = try openHandle()
        return try statements.statement(for: sql) { () throws(StorageError) -> SQLiteStatement in
            try SQLiteStatement(sql: sql, rewritten: try SQLitePlaceholderRewriter.rewrite(sql), connection: handle)
        }
    }

    /// Ends the open transaction, if SQLite has not already ended it (some errors, like a
    /// full disk, roll back by themselves, and a second ROLLBACK would fail). A failing
    /// rollback is not reported: the caller's error is the one that explains what happened.
    private func rollback() {
        guard let handle, sqlite3_get_autocommit(handle) == 0 else { return }
        sqlite3_exec(handle, "ROLLBACK", nil, nil, nil)
    }

    /// Turns on WAL, which lets readers read while the writer writes.
    private func enableWAL() throws(StorageError) {
        let mode = try query("PRAGMA journal_mode = WAL", []).first?.optionalString("journal_mode")
        guard mode == "wal" else {
            throw .failed(message: "cannot enable WAL at \(path) (journal mode is \(mode ?? "unknown"))", statement: "PRAGMA journal_mode = WAL")
        }
        // A read-only connection cannot open a WAL database whose WAL file is missing or
        // empty (SQLITE_CANTOPEN): one committed write makes sure it exists (GRDB issue #102).
        try transaction(begin: "BEGIN IMMEDIATE") { connection throws(StorageError) in
            try connection.executeScript("CREATE TABLE wal_file_probe (id INTEGER); DROP TABLE wal_file_probe;")
        }
    }

    /// Inserts `range` of `rows` (a multiple of `tuplesPerStatement`) with one statement of that many tuples.
    private func insert(_ rows: some SQLBulkRows, _ range: Range<Int>, tuplesPerStatement: Int, table: String,
                        columns: [String]) throws(StorageError) {
        guard !range.isEmpty else { return }
        let constantCount = rows.constants.count
        let varyingCount = rows.varyingColumnCount
        let parameterCount = constantCount + varyingCount * tuplesPerStatement
        // Declared before the statement so that it is freed after the statement's reset
        // has dropped the bindings that point into it.
        let arena = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: parameterCount * SQLiteCellBinder.slotSize)
        defer { arena.deallocate() }
        let statement = try prepared(Self.multiRowInsert(into: table, columns: columns, constantCount: constantCount,
                                                         tuples: tuplesPerStatement))
        defer { statement.reset() }
        try statement.bindLeading(rows.constants)
        var binder = SQLiteCellBinder(statement: statement, firstParameter: Int32(constantCount + 1), arena: arena)
        var row = range.lowerBound
        while row < range.upperBound {
            binder.restart()
            for _ in 0..<tuplesPerStatement {
                rows.writeRow(row, to: &binder)
                row += 1
            }
            if let code = binder.failure { throw statement.error(code) }
            try statement.run()
            statement.rewind()
        }
    }

    /// `INSERT INTO "table" (…) VALUES (…), (…)` with `tuples` tuples: the first
    /// `constantCount` columns take `$1…` in every tuple, the others a placeholder each.
    private static func multiRowInsert(into table: String, columns: [String], constantCount: Int, tuples: Int) -> String {
        let varyingCount = columns.count - constantCount
        let leading = (0..<constantCount).map { "$\($0 + 1)" }
        let tupleList = (0..<tuples).map { tuple in
            let varying = SQLPlaceholders.list(varyingCount, from: constantCount + 1 + tuple * varyingCount)
            return "(" + (leading + (varying.isEmpty ? [] : [varying])).joined(separator: ", ") + ")"
        }
        return "INSERT INTO \(quoted(table)) (\(columns.map(quoted).joined(separator: ", "))) VALUES "
            + tupleList.joined(separator: ", ")
    }

    /// A double-quoted identifier; embedded quotes are doubled.
    private static func quoted(_ identifier: String) -> String {
        "\"" + identifier.replacing("\"", with: "\"\"") + "\""
    }

    /// SQLite creates the file but not its directory. URIs (`file:…`) are left to SQLite.
    private static func createParentDirectory(of path: String) throws(StorageError) {
        guard !path.hasPrefix("file:") else { return }
        var prefix = ""
        for (index, component) in path.split(separator: "/", omittingEmptySubsequences: false).dropLast().enumerated() {
            if index > 0 { prefix += "/" }
            prefix += component
            guard !prefix.isEmpty, prefix != "/" else { continue }
            if mkdir(prefix, 0o755) != 0 && errno != EEXIST {
                let reason = String(cString: strerror(errno))
                throw .failed(message: "cannot create directory \(prefix) for \(path): \(reason)", statement: "mkdir")
            }
        }
    }
}
