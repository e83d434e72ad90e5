/// A PostgreSQL database reached through libpq: a pool of sessions, each on its own thread
/// so blocking libpq calls never occupy Swift's cooperative pool. Sessions that die (the
/// server restarted) are reopened on their next use; while the server is down, requests
/// fail fast with `.unavailable` instead of hanging.
public final class PostgresDatabase: SQLDatabase {
    /// How every read starts: one snapshot for the whole body, like a SQLite reader in WAL
    /// mode, so that totals read by two queries agree with each other.
    private static let beginRead = "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY"

    /// Always `.postgresql`.
    public let dialect = SQLDialect.postgresql
    let settings: PostgresConnectionSettings
    private let pool: PostgresConnectionPool

    /// Connects to the server at `url` (`postgres://user:password@host:port/database`).
    ///
    /// One session is opened now, so a server that is down or a URL that is wrong fails here
    /// (`.unavailable`, `.failed`); the others open on first use.
    /// - Parameters:
    ///   - poolSize: sessions, i.e. transactions that can run at once.
    ///   - statementTimeoutMilliseconds: the server cancels longer statements (`.timeout`).
    ///   - connectTimeoutSeconds: the longest a (re)connection attempt may take (at least 2).
    ///   - checkoutTimeoutMilliseconds: the longest a request waits for a free session
    ///     before failing with `.unavailable("pool exhausted…")`.
    ///   - applicationName: the name `pg_stat_activity` shows for these sessions.
    public init(
        url: String,
        poolSize: Int = 4,
        statementTimeoutMilliseconds: Int = 30_000,
        connectTimeoutSeconds: Int = 5,
        checkoutTimeoutMilliseconds: Int = 5_000,
        applicationName: String = "trading-server"
    ) throws(StorageError) {
        settings = try PostgresConnectionSettings(
            url: url,
            statementTimeoutMilliseconds: statementTimeoutMilliseconds,
            connectTimeoutSeconds: connectTimeoutSeconds,
            applicationName: applicationName
        )
        let connections = (0..<max(1, poolSize)).map { [settings] _ in PostgresConnection(settings: settings) }
        try connections[0].connect()
        pool = PostgresConnectionPool(
            connections: connections,
            checkoutTimeout: .milliseconds(max(0, checkoutTimeoutMilliseconds))
        )
    }

    deinit {
        pool.close()
    }

    /// Runs `body` in a transaction: committed when it returns, rolled back when it throws.
    public func write<Result: Sendable>(
        _ body: @escaping @Sendable (any SQLConnection) throws(StorageError) -> Result
    ) async throws(StorageError) -> Result {
        try await pool.withConnection { connection throws(StorageError) in
            try connection.start(with: "BEGIN")
            do throws(StorageError) {
                let result = try body(connection)
                try connection.commit()
                return result
            } catch {
                connection.rollback()
                throw error
            }
        }
    }

    /// Runs `body` in a read-only transaction with one snapshot; writes in it fail.
    public func read<Result: Sendable>(
        _ body: @escaping @Sendable (any SQLConnection) throws(StorageError) -> Result
    ) async throws(StorageError) -> Result {
        try await pool.withConnection { connection throws(StorageError) in
            try connection.start(with: Self.beginRead)
            // Rolled back either way: nothing was written, and ROLLBACK cannot fail the read.
            defer { connection.rollback() }
            return try body(connection)
        }
    }

    /// Runs `SELECT 1` on a pooled session and returns the round trip in milliseconds.
    public func ping() async throws(StorageError) -> Int {
        try await pool.withConnection { connection throws(StorageError) in
            let start = ContinuousClock.now
            try connection.start(with: "SELECT 1")
            return (ContinuousClock.now - start).wholeMilliseconds
        }
    }

    /// The pool's sessions: open, lent out, and the checkouts waiting for one.
    public var poolStatistics: SQLPoolStatistics { pool.statistics }

    /// Closes every pooled session once its current job ends; later calls fail with
    /// `.unavailable`. Subscriptions from `listen` are separate and end with their own `cancel()`.
    public func close() {
        pool.close()
    }

    /// Calls `handler` with the payload of every notification sent to `channel`, on a
    /// dedicated session outside the pool, until the returned subscription is cancelled or
    /// released. The handler runs on the listener's thread, one payload at a time: keep it
    /// short. Listening has begun when this returns; it blocks for at most the connect timeout.
    /// - Throws: `.failed` when `channel` is not a plain identifier, `.unavailable` when the
    ///   server cannot be reached.
    public func listen(channel: String, handler: @escaping @Sendable (String) -> Void) throws(StorageError) -> NotificationSubscription {
        let listener = try PostgresNotificationListener(channel: channel, settings: settings, handler: handler)
        return NotificationSubscription(channel: channel, listener: listener)
    }

    /// Sends `payload` to the listeners of `channel` (outside any transaction, so at once).
    public func notify(channel: String, payload: String) async throws(StorageError) {
        let channel = try PostgresIdentifier.checked(channel, as: "channel")
        try await pool.withConnection { connection throws(StorageError) in
            try connection.prepareForUse()
            try connection.query("SELECT pg_notify($1, $2)", [.text(channel), .text(payload)])
        }
    }
}

extension PostgresDatabase {
    /// Drops `schema` with everything in it, creates it again empty, and returns `url` with
    /// `schema` as the `search_path` of its sessions: a private, fresh set of tables inside a
    /// shared database (each test suite on the throwaway server gets its own).
    /// - Throws: `.failed` when `schema` is not a plain identifier, `.unavailable` when the
    ///   server cannot be reached.
    public static func url(_ url: String, selectingEmptySchema schema: String) async throws(StorageError) -> String {
        let schema = try PostgresIdentifier.checked(schema, as: "schema")
        let admin = try PostgresDatabase(url: url, poolSize: 1)
        defer { admin.close() }
        try await admin.write { connection throws(StorageError) in
            try connection.executeScript("DROP SCHEMA IF EXISTS \(schema) CASCADE; CREATE SCHEMA \(schema)")
        }
        return url + (url.contains("?") ? "&" : "?") + "options=-csearch_path%3D" + schema
    }
}
