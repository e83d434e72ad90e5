import Primitives

/// The trade journal's executions: the paper exchange's `fills` and the brokers' executions in
/// `imported_executions`, read as one list. Fills are written with their orders
/// (`FillRepository`); imported ones are added here.
public struct ExecutionRepository {
    let connection: any SQLConnection

    /// What each table gives an `ExecutionRecord` (an imported execution has no order).
    private static let fillColumns = "id, order_id, symbol, side, quantity, price, fee, exchange, executed_at"
    private static let importedColumns = "id, NULL AS order_id, symbol, side, quantity, price, fee, exchange, executed_at"
    /// The stored columns of an imported execution, in the order `values` gives them.
    private static let importColumns = ["id", "symbol", "side", "quantity", "price", "fee", "exchange", "executed_at", "import_key",
                                        "imported_at"]

    /// Both tables' rows matching `filter` as one relation; `where` is bound once and read by both.
    private func union(_ filter: SQLWhereClause) -> String {
        """
        SELECT \(Self.fillColumns) FROM fills\(filter.sql) \
        UNION ALL SELECT \(Self.importedColumns) FROM imported_executions\(filter.sql)
        """
    }

    /// One page of the executions `filter` selects, newest first, ties by id descending (in
    /// byte order on both databases), so pages never overlap.
    public func page(_ filter: ExecutionFilter, limit: Int, offset: Int) throws(StorageError) -> [ExecutionRecord] {
        let clause = Self.clause(filter)
        let parameters = clause.parameters + [limit.sqlValue, offset.sqlValue]
        return try connection.query(
            """
            SELECT * FROM (\(union(clause))) AS executions ORDER BY executed_at DESC, \(connection.bytewise("id")) DESC \
            LIMIT $\(parameters.count - 1) OFFSET $\(parameters.count)
            """, parameters).map(ExecutionRecord.init)
    }

    /// How many executions `filter` selects (a page's total).
    public func count(_ filter: ExecutionFilter) throws(StorageError) -> Int {
        let clause = Self.clause(filter)
        return try connection.query(
            """
            SELECT (SELECT COUNT(*) FROM fills\(clause.sql)) + (SELECT COUNT(*) FROM imported_executions\(clause.sql)) AS n
            """, clause.parameters).first?.int("n") ?? 0
    }

    /// Every execution of one venue and symbol in the order the journal replays them: oldest
    /// first; within one millisecond buys before sells (what a position holds then never
    /// depends on how two executions of the same instant were numbered), then by id.
    public func history(_ ledger: ExecutionLedgerKey) throws(StorageError) -> [ExecutionRecord] {
        var clause = SQLWhereClause()
        clause.require("symbol", "=", ledger.symbol)
        clause.require("exchange", "=", ledger.exchange)
        return try connection.query(
            "SELECT * FROM (\(union(clause))) AS executions ORDER BY executed_at, side, \(connection.bytewise("id"))",
            clause.parameters).map(ExecutionRecord.init)
    }

    /// The venues and symbols that have executions, sorted (here: the database's collation
    /// could order them otherwise).
    public func ledgers() throws(StorageError) -> [ExecutionLedgerKey] {
        try connection.query(
            "SELECT DISTINCT exchange, symbol FROM fills UNION SELECT DISTINCT exchange, symbol FROM imported_executions"
        ).map { row throws(StorageError) in ExecutionLedgerKey(exchange: try row.string("exchange"), symbol: try row.string("symbol")) }
            .sorted()
    }

    /// Adds the imported executions whose key is new and skips the others (`ON CONFLICT
    /// (import_key) DO NOTHING`); returns how many were added. Inside the caller's transaction.
    @discardableResult
    public func insertImported(_ records: [ImportedExecutionRecord]) throws(StorageError) -> Int {
        var added = 0
        for chunk in SQLStatementChunks.slices(of: records) {
            let tuples = (0..<chunk.count).map { "(\(SQLPlaceholders.list(Self.importColumns.count, from: 1 + Self.importColumns.count * $0)))" }
            added += try connection.execute("""
                INSERT INTO imported_executions (\(Self.importColumns.joined(separator: ", "))) VALUES \(tuples.joined(separator: ", ")) \
                ON CONFLICT (import_key) DO NOTHING
                """, chunk.flatMap(Self.values))
        }
        return added
    }

    /// An imported execution's values in the order of `importColumns`.
    private static func values(_ record: ImportedExecutionRecord) -> [SQLValue] {
        let execution = record.execution
        return [execution.id.sqlValue, execution.symbol.sqlValue, execution.side.sqlValue, execution.quantity.sqlValue,
                execution.price.sqlValue, execution.fee.sqlValue, execution.exchange.sqlValue, execution.executedAt.sqlValue,
                record.importKey.sqlValue, record.importedAt.sqlValue]
    }

    private static func clause(_ filter: ExecutionFilter) -> SQLWhereClause {
        var clause = SQLWhereClause()
        clause.require("executed_at", ">=", filter.from)
        clause.require("executed_at", "<", filter.to)
        clause.require("symbol", "=", filter.symbol)
        clause.require("side", "=", filter.side)
        return clause
    }
}

extension Repositories {
    /// The journal's executions (fills and imported ones).
    public var executions: ExecutionRepository { ExecutionRepository(connection: connection) }
}
