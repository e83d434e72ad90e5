/// Which SQL dialect a connection speaks, for the few statements that differ.
public enum SQLDialect: String, Sendable {
    case sqlite
    case postgresql
}

/// A connection inside a transaction or a read: statements run synchronously on the
/// connection's worker thread. SQL uses `$1, $2, …` placeholders on both dialects (the
/// SQLite driver rewrites them), and values are always bound, never spliced into SQL.
public protocol SQLConnection {
    /// The connection's dialect.
    var dialect: SQLDialect { get }
    /// Runs one statement and returns its rows (none for writes).
    @discardableResult
    func query(_ sql: String, _ parameters: [SQLValue]) throws(StorageError) -> [SQLRow]
    /// Runs one statement and returns the number of rows it changed.
    @discardableResult
    func execute(_ sql: String, _ parameters: [SQLValue]) throws(StorageError) -> Int
    /// Runs several statements without parameters (migrations).
    func executeScript(_ sql: String) throws(StorageError)
    /// Inserts many rows into `table` as fast as the dialect allows (COPY on PostgreSQL,
    /// one prepared statement in the open transaction on SQLite).
    func bulkInsert(table: String, columns: [String], rows: [[SQLValue]]) throws(StorageError)
}

extension SQLConnection {
    @discardableResult
    public func query(_ sql: String, _ parameters: SQLBindable...) throws(StorageError) -> [SQLRow] {
        try query(sql, parameters.map(\.sqlValue))
    }

    @discardableResult
    public func execute(_ sql: String, _ parameters: SQLBindable...) throws(StorageError) -> Int {
        try execute(sql, parameters.map(\.sqlValue))
    }
}

/// A database: a pool of connections used off the event loops. `write` runs its body in one
/// transaction (committed when it returns, rolled back when it throws); `read` runs on a
/// reader (SQLite) or any pooled connection (PostgreSQL).
public protocol SQLDatabase: Sendable {
    var dialect: SQLDialect { get }
    /// Runs `body` in a transaction.
    func write<Result: Sendable>(_ body: @escaping @Sendable (any SQLConnection) throws(StorageError) -> Result) async throws(StorageError) -> Result
    /// Runs `body` for reading.
    func read<Result: Sendable>(_ body: @escaping @Sendable (any SQLConnection) throws(StorageError) -> Result) async throws(StorageError) -> Result
    /// A cheap round trip, for readiness; returns the latency in milliseconds.
    func ping() async throws(StorageError) -> Int
    /// Closes every connection; later calls fail with `.unavailable`.
    func close()
}
