import Primitives

extension Repositories {
    /// Fills (the journal's executions).
    public var fills: FillRepository { FillRepository(connection: connection) }
}

/// One execution of an order as stored.
public struct FillRecord: Sendable, Equatable {
    /// The fill's id.
    public var id: String
    /// The order it executes.
    public var orderID: String
    /// The symbol traded.
    public var symbol: String
    /// `Buy` or `Sell`.
    public var side: String
    /// The quantity executed.
    public var quantity: ExactDecimal
    /// The execution price.
    public var price: ExactDecimal
    /// The fee paid, in the quote asset.
    public var fee: ExactDecimal
    /// `maker` or `taker`.
    public var liquidity: String
    /// The venue that executed it (`paper` for the paper exchange).
    public var exchange: String
    /// Epoch milliseconds.
    public var executedAt: Int

    /// A fill record.
    public init(id: String, orderID: String, symbol: String, side: String, quantity: ExactDecimal, price: ExactDecimal,
                fee: ExactDecimal = .zero, liquidity: String, exchange: String = "paper", executedAt: Int) {
        self.id = id
        self.orderID = orderID
        self.symbol = symbol
        self.side = side
        self.quantity = quantity
        self.price = price
        self.fee = fee
        self.liquidity = liquidity
        self.exchange = exchange
        self.executedAt = executedAt
    }

    init(row: SQLRow) throws(StorageError) {
        self.init(
            id: try row.string("id"), orderID: try row.string("order_id"), symbol: try row.string("symbol"),
            side: try row.string("side"), quantity: try row.decimal("quantity"), price: try row.decimal("price"),
            fee: try row.decimal("fee"), liquidity: try row.string("liquidity"), exchange: try row.string("exchange"),
            executedAt: try row.int("executed_at"))
    }
}

/// Fills: written with the order they execute, read back as the journal's executions and
/// replayed oldest first for FIFO cost basis.
public struct FillRepository {
    let connection: any SQLConnection
    private static let columns = "id, order_id, symbol, side, quantity, price, fee, liquidity, exchange, executed_at"

    /// Adds a fill; its order must exist (`.foreignKeyViolation`), its id be new (`.uniqueViolation`).
    public func insert(_ fill: FillRecord) throws(StorageError) {
        try connection.execute(
            "INSERT INTO fills (\(Self.columns)) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
            fill.id, fill.orderID, fill.symbol, fill.side, fill.quantity, fill.price, fill.fee, fill.liquidity, fill.exchange,
            fill.executedAt)
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
