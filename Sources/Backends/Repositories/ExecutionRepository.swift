import Primitives

/// The trade journal's executions: the paper exchange's `fills` and the brokers' executions in
/// `imported_executions`, read as one list. Fills are written with their orders
/// (`FillRepository`); imported ones are added here.
public struct ExecutionRepository {
    let connection: any SQLConnection

    /// What each table gives an `ExecutionRecord` (an imported execution has no order), the
    /// id in byte order (the order both databases sort it in, here where the union sorts).
    private func columns(orderID: String) -> String {
        "\(connection.bytewise("id")) AS id, \(orderID) AS order_id, symbol, side, quantity, price, fee, exchange, executed_at"
    }
    /// The stored columns of an imported execution, in the order `values` gives them.
    private static let importColumns = ["id", "symbol", "side", "quantity", "price", "fee", "exchange", "executed_at", "import_key",
                                        "imported_at"]

    /// Both tables' rows matching `filter` as one relation, ordered by `order`: a compound
    /// SELECT whose ORDER BY both databases run as a merge of the two tables' ordered rows
    /// (each read along its index). `filter` is bound once and read by both.
    private func union(_ filter: SQLWhereClause, orderedBy order: String) -> String {
        """
        SELECT \(columns(orderID: "order_id")) FROM fills\(filter.sql) \
        UNION ALL SELECT \(columns(orderID: "NULL")) FROM imported_executions\(filter.sql) ORDER BY \(order)
        """
    }

    /// One page of the executions `filter` selects, newest first, ties by id descending (in
    /// byte order on both databases), so pages never overlap.
    public func page(_ filter: ExecutionFilter, limit: Int, offset: Int) throws(StorageError) -> [ExecutionRecord] {
        let clause = Self.clause(filter)
        let parameters = clause.parameters + [limit.sqlValue, offset.sqlValue]
        return try connection.query(
            union(clause, orderedBy: "executed_at DESC, id DESC") + " LIMIT $\(parameters.count - 1) OFFSET $\(parameters.count)",
            parameters).map(ExecutionRecord.init)
    }

    /// How many executions `filter` selects (a page's total).
    public func count(_ filter: ExecutionFilter) throws(StorageError) -> Int {
        try count(Self.clause(filter))
    }

    /// How many rows of both tables `clause` selects.
    private func count(_ clause: SQLWhereClause) throws(StorageError) -> Int {
        try connection.query(
            "SELECT (SELECT COUNT(*) FROM fills\(clause.sql)) + (SELECT COUNT(*) FROM imported_executions\(clause.sql)) AS n",
            clause.parameters).first?.int("n") ?? 0
    }

    /// Every execution of one venue and symbol in the order the journal replays them: oldest
    /// first; within one millisecond buys before sells (what a position holds then never
    /// depends on how two executions of the same instant were numbered), then by id in byte
    /// order (`ExecutionCursor`). With `cursor`, only those after it.
    public func history(_ ledger: ExecutionLedgerKey, after cursor: ExecutionCursor? = nil) throws(StorageError) -> [ExecutionRecord] {
        var clause = Self.clause(ledger)
        if let cursor {
            // (executed_at, side, id) after the cursor's, the time bound alone first so that
            // both databases read the index from there.
            let (time, side, id) = (clause.bind(cursor.executedAt), clause.bind(cursor.side), clause.bind(cursor.id))
            clause.require("executed_at >= $\(time)")
            clause.require("(executed_at > $\(time) OR side > $\(side) OR (side = $\(side) AND \(connection.bytewise("id")) > $\(id)))")
        }
        return try connection.query(union(clause, orderedBy: "executed_at, side, id"), clause.parameters).map(ExecutionRecord.init)
    }

    /// How many executions one venue and symbol has.
    public func count(_ ledger: ExecutionLedgerKey) throws(StorageError) -> Int {
        try count(Self.clause(ledger))
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

    private static func clause(_ ledger: ExecutionLedgerKey) -> SQLWhereClause {
        var clause = SQLWhereClause()
        clause.require("symbol", "=", ledger.symbol)
        clause.require("exchange", "=", ledger.exchange)
        return clause
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

