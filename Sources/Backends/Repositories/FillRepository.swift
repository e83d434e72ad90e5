import Primitives

/// Fills: written with the order they execute and read back by order (the journal reads them
/// with the imported executions through `ExecutionRepository`).
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
}

extension Repositories {
    /// Fills, by the order they execute.
    public var fills: FillRepository { FillRepository(connection: connection) }
}
