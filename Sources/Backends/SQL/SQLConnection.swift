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
    /// Inserts typed rows (`SQLBulkRows`) into `table`, whose `columns` are the rows'
    /// constants followed by their varying cells: the same as the other `bulkInsert`,
    /// without a `SQLValue` per cell (multi-row statements on SQLite, COPY on PostgreSQL).
    func bulkInsert(table: String, columns: [String], rows: some SQLBulkRows) throws(StorageError)
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
