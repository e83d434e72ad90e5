import Foundation

/// Strategy instances, so that a restart resumes the running ones with their counters.
public struct StrategyRepository {
    let connection: any SQLConnection
    private static let columns = """
        id, type, name, version, symbols, config, running, signals_generated, orders_submitted, orders_filled, \
        market_data_processed, state, created_at, updated_at
        """
    static let columnNames = columns.split(separator: ",").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }

    /// Adds a strategy; a taken id is `.uniqueViolation`, a config that is not a JSON object
    /// `.constraintViolation` (checked here so that both dialects refuse the same input).
    public func insert(_ strategy: StrategyRecord) throws(StorageError) {
        try Self.check(strategy)
        try connection.execute(
            "INSERT INTO strategies (\(Self.columns)) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)",
            Self.values(strategy))
    }

    /// Writes strategies whole, inserted or replacing the stored row of the same id (the
    /// engine's write-behind batches).
    public func upsert(_ strategies: [StrategyRecord]) throws(StorageError) {
        for strategy in strategies { try Self.check(strategy) }
        try connection.upsert(table: "strategies", columns: Self.columnNames, key: ["id"], rows: strategies.map(Self.values))
    }

    private static func check(_ strategy: StrategyRecord) throws(StorageError) {
        try JSONColumn.checkObject(strategy.config, column: "strategies.config")
        try JSONColumn.checkObject(strategy.state, column: "strategies.state")
    }

    /// A strategy's values in the order of `columns`.
    static func values(_ strategy: StrategyRecord) -> [SQLValue] {
        [strategy.id.sqlValue, strategy.type.sqlValue, strategy.name.sqlValue, strategy.version.sqlValue,
         jsonArray(strategy.symbols).sqlValue, strategy.config.sqlValue, strategy.running.sqlValue, strategy.signalsGenerated.sqlValue,
         strategy.ordersSubmitted.sqlValue, strategy.ordersFilled.sqlValue, strategy.marketDataProcessed.sqlValue,
         strategy.state.sqlValue, strategy.createdAt.sqlValue, strategy.updatedAt.sqlValue]
    }

    /// The strategy with `id`, or nil.
    public func find(id: String) throws(StorageError) -> StrategyRecord? {
        try connection.query("SELECT \(Self.columns) FROM strategies WHERE id = $1", id).first.map(StrategyRecord.init)
    }

    /// Every strategy, ordered by id in code-point order (sorted here: a PostgreSQL collation
    /// could order ids otherwise than SQLite does).
    public func list() throws(StorageError) -> [StrategyRecord] {
        try connection.query("SELECT \(Self.columns) FROM strategies").map(StrategyRecord.init).sorted { $0.id < $1.id }
    }

    /// Replaces a strategy's configuration (a JSON object); false when there is no such strategy.
    @discardableResult
    public func updateConfig(id: String, config: String, at time: Int) throws(StorageError) -> Bool {
        try JSONColumn.checkObject(config, column: "strategies.config")
        return try connection.execute("UPDATE strategies SET config = $2, updated_at = $3 WHERE id = $1", id, config, time) == 1
    }

    /// Marks a strategy started or stopped; false when there is no such strategy.
    @discardableResult
    public func setRunning(id: String, running: Bool, at time: Int) throws(StorageError) -> Bool {
        try connection.execute("UPDATE strategies SET running = $2, updated_at = $3 WHERE id = $1", id, running, time) == 1
    }

    /// Adds to a strategy's counters (integers, so the increments run in SQL); false when
    /// there is no such strategy.
    @discardableResult
    public func addToStats(id: String, signals: Int = 0, ordersSubmitted: Int = 0, ordersFilled: Int = 0, marketData: Int = 0,
                           at time: Int) throws(StorageError) -> Bool {
        try connection.execute(
            """
            UPDATE strategies SET signals_generated = signals_generated + $2, orders_submitted = orders_submitted + $3,
            orders_filled = orders_filled + $4, market_data_processed = market_data_processed + $5, updated_at = $6
            WHERE id = $1
            """, id, signals, ordersSubmitted, ordersFilled, marketData, time) == 1
    }

    /// Deletes a strategy (its orders keep existing, detached); false when there is no such strategy.
    @discardableResult
    public func delete(id: String) throws(StorageError) -> Bool {
        try connection.execute("DELETE FROM strategies WHERE id = $1", id) == 1
    }

    /// How many strategies exist and run, and the sums of their counters.
    public func totals() throws(StorageError) -> StrategyTotals {
        let rows = try connection.query(
            """
            SELECT COUNT(*) AS total, COALESCE(SUM(CASE WHEN running THEN 1 ELSE 0 END), 0) AS running_count,
            COALESCE(SUM(signals_generated), 0) AS signals, COALESCE(SUM(orders_submitted), 0) AS submitted,
            COALESCE(SUM(orders_filled), 0) AS filled, COALESCE(SUM(market_data_processed), 0) AS market_data
            FROM strategies
            """)
        // An aggregate without GROUP BY always yields one row.
        guard let row = rows.first else {
            throw .failed(message: "no row from the strategy totals", statement: "SELECT COUNT(*) … FROM strategies")
        }
        return StrategyTotals(
            total: try row.int("total"), running: try row.int("running_count"), signalsGenerated: try row.int("signals"),
            ordersSubmitted: try row.int("submitted"), ordersFilled: try row.int("filled"), marketDataProcessed: try row.int("market_data"))
    }

    private static func jsonArray(_ symbols: [String]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .withoutEscapingSlashes
        // Encoding an array of strings cannot fail.
        let data = (try? encoder.encode(symbols)) ?? Data("[]".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}

extension Repositories {
    /// Strategy instances and their counters.
    public var strategies: StrategyRepository { StrategyRepository(connection: connection) }
}
