import CSQLite
import Synchronization

/// An SQLite database file used by the server: one writer connection and a few readers
/// over the same file in WAL mode, each connection on its own thread.
///
/// WAL lets readers read the last committed state while the writer writes, so reads never
/// wait for writes. Writes are serialized on the single writer instead of competing for
/// SQLite's lock: concurrent `write` calls queue in order rather than fail with
/// `SQLITE_BUSY`. The busy timeout only matters against other processes on the same file.
public final class SQLiteDatabase: SQLDatabase {
    /// Always `.sqlite`.
    public var dialect: SQLDialect { .sqlite }
    /// The database file.
    public let path: String

    private let writer: SQLiteSerializedConnection
    private let readers: [SQLiteSerializedConnection]
    /// Round-robin position over `readers`; unsigned so that it wraps without going negative.
    private let nextReader = Atomic<UInt>(0)
    /// The closing of the connections, once `close` has started it.
    private let closing = Mutex<Task<Void, Never>?>(nil)

    /// Process-wide SQLite settings, applied before the first connection opens (a lazy
    /// static runs once, thread-safely).
    private static let configureOnce: Void = {
        _ = csqlite_disable_memory_statistics()
    }()

    /// Opens (creating it and its directory if missing) the database at `path`.
    ///
    /// - Parameters:
    ///   - path: A file path or a `file:` URI. In-memory databases are refused: every
    ///     connection would get a database of its own, and readers would see nothing.
    ///   - readers: How many read connections serve `read`, at least 1.
    ///   - busyTimeoutMilliseconds: How long a statement waits for a lock held by another
    ///     process before failing with `.unavailable`.
    public init(path: String, readers: Int = 2, busyTimeoutMilliseconds: Int = 5000) throws(StorageError) {
        guard !Self.isInMemory(path) else {
            throw .failed(message: "in-memory SQLite databases are not supported; use a file", statement: "open \(path)")
        }
        guard readers >= 1 else {
            throw .failed(message: "an SQLite database needs at least one reader, \(readers) asked", statement: "open \(path)")
        }
        _ = Self.configureOnce
        // All connections are opened before any worker starts: if one fails, those already
        // open are closed as they go out of scope, and no thread is left behind.
        // The writer comes first: it creates the file and the WAL the readers need.
        let writerConnection = try SQLiteConnection(path: path, role: .writer, busyTimeoutMilliseconds: busyTimeoutMilliseconds)
        var readerConnections: [SQLiteConnection] = []
        for _ in 0..<readers {
            readerConnections.append(try SQLiteConnection(path: path, role: .reader, busyTimeoutMilliseconds: busyTimeoutMilliseconds))
        }
        self.path = path
        self.writer = SQLiteSerializedConnection(writerConnection)
        self.readers = readerConnections.map(SQLiteSerializedConnection.init)
    }

    deinit {
        close()
    }

    /// Runs `body` on the writer in `BEGIN IMMEDIATE … COMMIT`; rolls back and rethrows
    /// when `body` throws.
    ///
    /// IMMEDIATE takes the write lock before the body reads anything. A deferred
    /// transaction that read first and then writes fails at once with `SQLITE_BUSY_SNAPSHOT`
    /// (no busy timeout helps) if another process committed in between.
    public func write<Result: Sendable>(
        _ body: @escaping @Sendable (any SQLConnection) throws(StorageError) -> Result
    ) async throws(StorageError) -> Result {
        try checkOpen()
        return try await writer.run { connection throws(StorageError) in
            try connection.transaction(begin: "BEGIN IMMEDIATE") { connection throws(StorageError) in try body(connection) }
        }
    }

    /// Runs `body` on the next reader, in one deferred transaction so that all its
    /// statements see the same committed snapshot.
    public func read<Result: Sendable>(
        _ body: @escaping @Sendable (any SQLConnection) throws(StorageError) -> Result
    ) async throws(StorageError) -> Result {
        try checkOpen()
        return try await nextReaderConnection().run { connection throws(StorageError) in
            try connection.transaction(begin: "BEGIN") { connection throws(StorageError) in try body(connection) }
        }
    }

    /// Counts the schema's rows on a reader, so the file is read (a `SELECT 1` would only ask
    /// the library); returns the round trip (queueing included) in milliseconds.
    public func ping() async throws(StorageError) -> Int {
        try checkOpen()
        let start = ContinuousClock.now
        _ = try await nextReaderConnection().run { connection throws(StorageError) in
            try connection.query("SELECT count(*) AS objects FROM sqlite_schema", [])
        }
        return start.duration(to: .now).wholeMilliseconds
    }

    /// The writer and the readers: all open while the database is; busy ones run a job, and
    /// jobs queued behind a running one wait.
    public var poolStatistics: SQLPoolStatistics {
        let loads = ([writer] + readers).map(\.pendingJobs)
        let open = closing.withLock({ $0 == nil }) ? loads.count : 0
        return SQLPoolStatistics(size: loads.count, open: open, inUse: loads.filter { $0 > 0 }.count,
                                 waiting: loads.reduce(0) { $0 + max(0, $1 - 1) })
    }

    /// Frees the page cache every connection holds beyond the pages in use
    /// (`sqlite3_db_release_memory`): the writer's may have grown toward its 64 MiB while a
    /// bulk load (start-up's demo history) touched a series' whole index, and the pages stay
    /// cached, never read again, until it is asked to let them go.
    public func releaseMemory() async {
        for connection in [writer] + readers {
            _ = try? await connection.run { connection throws(StorageError) in connection.releaseMemory() }
        }
    }

    /// The rows of `PRAGMA integrity_check`: `["ok"]` for a sound file, otherwise one
    /// line per problem found.
    public func integrityCheck() async throws(StorageError) -> [String] {
        try await read { connection throws(StorageError) in
            try connection.query("PRAGMA integrity_check", []).map { row in row.optionalString("integrity_check") ?? "" }
        }
    }

    /// Starts closing every connection (each after the jobs already queued on it) and
    /// returns at once; later calls fail with `.unavailable`.
    public func close() {
        _ = startClosing()
    }

    /// Closes every connection and returns once they are closed and their threads ended,
    /// so that the files can be moved or deleted.
    public func closeAndWait() async {
        await startClosing().value
    }

    private func startClosing() -> Task<Void, Never> {
        closing.withLock { closing in
            if let closing { return closing }
            // The task holds the connections, not `self`, so that `deinit` may start it.
            let writer = writer
            let readers = readers
            let task = Task {
                // Readers first: the last connection to close checkpoints the WAL into the
                // database file and deletes it, and that should be the writer.
                for reader in readers { await reader.close() }
                await writer.close()
            }
            closing = task
            return task
        }
    }

    private func checkOpen() throws(StorageError) {
        guard closing.withLock({ $0 == nil }) else { throw .unavailable("the database is closed") }
    }

    private func nextReaderConnection() -> SQLiteSerializedConnection {
        let turn = nextReader.wrappingAdd(1, ordering: .relaxed).oldValue
        return readers[Int(turn % UInt(readers.count))]
    }

    private static func isInMemory(_ path: String) -> Bool {
        path.isEmpty || path == ":memory:" || path.hasPrefix("file::memory:") || path.contains("mode=memory")
    }
}
