import Primitives

/// Fills: written with the order they execute, read back as the journal's executions and
/// replayed oldest first for FIFO cost basis.
public struct FillRepository {
    let connection: any SQLConnection
    /// The stored columns, in the order `values` gives them.
    static let columnNames = ["id", "order_id", "symbol", "side", "quantity", "price", "fee", "liquidity", "exchange", "executed_at"]
    private static let columns = columnNames.joined(separator: ", ")

    /// Adds a fill; its order must exist (`.foreignKeyViolation`), its id be new (`.uniqueViolation`).
    public func insert(_ fill: FillRecord) throws(StorageError) {
        try connection.execute(
            "INSERT INTO fills (\(Self.columns)) VALUES (\(SQLPlaceholders.list(Self.columnNames.count)))", Self.values(fill))
    }

    /// Many fills through the bulk path (COPY on PostgreSQL), inside the caller's transaction;
    /// any fill refused (an id already stored, a missing order) fails the whole call.
    public func insert(_ fills: [FillRecord]) throws(StorageError) {
        try connection.bulkInsert(table: "fills", columns: Self.columnNames, rows: fills.map(Self.values))
    }

    /// A fill's values in the order of `columnNames`.
    static func values(_ fill: FillRecord) -> [SQLValue] {
        [fill.id.sqlValue, fill.orderID.sqlValue, fill.symbol.sqlValue, fill.side.sqlValue, fill.quantity.sqlValue,
         fill.price.sqlValue, fill.fee.sqlValue, fill.liquidity.sqlValue, fill.exchange.sqlValue, fill.executedAt.sqlValue]
    }

    /// The fills of one order, oldest first.
    public func list(orderID: String) throws(StorageError) -> [FillRecord] {
        try connection.query("SELECT \(Self.columns) FROM fills WHERE order_id = $1 ORDER BY executed_at, id", orderID).map(FillRecord.init)
    }

    /// Executions between `from` (inclusive) and `to` (exclusive), epoch ms, optionally of one
    /// symbol and side (nil filters nothing); newest first, ties by id descending; one page.
    public func executions(from: Int? = nil, to: Int? = nil, symbol: String? = nil, side: String? = nil, limit: Int = 100,
                           offset: Int = 0) throws(StorageError) -> [FillRecord] {
        let filter = Self.filter(from: from, to: to, symbol: symbol, side: side)
        let parameters = filter.parameters + [limit.sqlValue, offset.sqlValue]
        return try connection.query(
            """
            SELECT \(Self.columns) FROM fills\(filter.sql) ORDER BY executed_at DESC, id DESC \
            LIMIT $\(parameters.count - 1) OFFSET $\(parameters.count)
            """, parameters).map(FillRecord.init)
    }

    /// How many executions the same filters as `executions` select (for the page total).
    public func count(from: Int? = nil, to: Int? = nil, symbol: String? = nil, side: String? = nil) throws(StorageError) -> Int {
        let filter = Self.filter(from: from, to: to, symbol: symbol, side: side)
        return try connection.query("SELECT COUNT(*) AS n FROM fills\(filter.sql)", filter.parameters).first?.int("n") ?? 0
    }

    /// Every fill of `symbol`, oldest first (ties by id), for replaying FIFO cost basis.
    public func history(symbol: String) throws(StorageError) -> [FillRecord] {
        try connection.query("SELECT \(Self.columns) FROM fills WHERE symbol = $1 ORDER BY executed_at, id", symbol).map(FillRecord.init)
    }

    /// The symbols that have fills, in code-point order (sorted here: a PostgreSQL collation
    /// could order them otherwise than SQLite does).
    public func symbols() throws(StorageError) -> [String] {
        try connection.query("SELECT DISTINCT symbol FROM fills").map { row throws(StorageError) in try row.string("symbol") }.sorted()
    }

    private static func filter(from: Int?, to: Int?, symbol: String?, side: String?) -> SQLWhereClause {
        var filter = SQLWhereClause()
        filter.require("executed_at", ">=", from)
        filter.require("executed_at", "<", to)
        filter.require("symbol", "=", symbol)
        filter.require("side", "=", side)
        return filter
    }
}

extension Repositories {
    /// Fills (the journal's executions).
    public var fills: FillRepository { FillRepository(connection: connection) }
}
