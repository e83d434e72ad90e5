/// The symbol list (`symbol_info`): listing data from the provider, plus the failure
/// bookkeeping of data collection that deactivates a symbol after repeated failures.
public struct SymbolRepository {
    let connection: any SQLConnection

    /// Consecutive collection failures that deactivate a symbol.
    public static let deactivationThreshold = 3
    static let activeStatus = "active"
    static let inactiveStatus = "inactive"
    /// Rows of `IN (…)` lists bound per statement, well below either database's parameter limit.
    private static let batchSize = 500
    private static let columns = """
        ticker, market, name, exchange, sector, status, consecutive_failures, last_error, last_failed_at, updated_at
        """
    /// Symbols that failed at least once or are switched off.
    private static let failingFilter = "(consecutive_failures > 0 OR status <> 'active')"

    /// Stores a symbol's listing. A new symbol is inserted as given; a known one gets its name,
    /// exchange and sector replaced and keeps its failure state and status. Returns true when
    /// the symbol was new.
    @discardableResult
    public func upsert(_ symbol: SymbolRecord) throws(StorageError) -> Bool {
        let inserted = try connection.execute(
            """
            INSERT INTO symbol_info (\(Self.columns)) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
            ON CONFLICT (ticker, market) DO NOTHING
            """,
            [symbol.ticker.sqlValue, symbol.market.sqlValue, symbol.name.sqlValue, symbol.exchange.sqlValue,
             symbol.sector.sqlValue, (symbol.isActive ? Self.activeStatus : Self.inactiveStatus).sqlValue,
             symbol.consecutiveFailures.sqlValue, symbol.lastError.sqlValue, symbol.lastFailedAt.sqlValue,
             symbol.updatedAt.sqlValue]) == 1
        if !inserted {
            try connection.execute(
                "UPDATE symbol_info SET name = $3, exchange = $4, sector = $5, updated_at = $6 WHERE ticker = $1 AND market = $2",
                symbol.ticker, symbol.market, symbol.name, symbol.exchange, symbol.sector, symbol.updatedAt)
        }
        return inserted
    }

    /// The symbol of a ticker in one market.
    public func find(ticker: String, market: String) throws(StorageError) -> SymbolRecord? {
        try connection.query("SELECT \(Self.columns) FROM symbol_info WHERE ticker = $1 AND market = $2", ticker, market)
            .first.map(SymbolRecord.init)
    }

    /// Every market's entry of a ticker, active ones first, then by market (so `first` is the
    /// best guess when a request names no market).
    public func find(ticker: String) throws(StorageError) -> [SymbolRecord] {
        try connection.query(
            """
            SELECT \(Self.columns) FROM symbol_info WHERE ticker = $1
            ORDER BY CASE WHEN status = 'active' THEN 0 ELSE 1 END, \(connection.bytewise("market"))
            """, ticker).map(SymbolRecord.init)
    }

    /// Symbols whose ticker or name contains `pattern`, ignoring ASCII case on both databases
    /// (`%`, `_` and `\` match themselves; Korean and other scripts match as written). The exact
    /// ticker comes first, then tickers starting with the pattern, then the rest by ticker.
    public func search(pattern: String, market: String? = nil, limit: Int = 20) throws(StorageError) -> [SymbolRecord] {
        let folded = SQLPattern.asciiLowercased(pattern)
        let escaped = SQLPattern.escapingWildcards(folded)
        var parameters: [SQLValue] = ["%\(escaped)%".sqlValue, folded.sqlValue, "\(escaped)%".sqlValue]
        let ticker = connection.asciiLowercased("ticker")
        var sql = """
            SELECT \(Self.columns) FROM symbol_info
            WHERE (\(ticker) LIKE $1 ESCAPE '\\' OR \(connection.asciiLowercased("name")) LIKE $1 ESCAPE '\\')
            """
        if let market {
            parameters.append(market.sqlValue)
            sql += " AND market = $\(parameters.count)"
        }
        parameters.append(limit.sqlValue)
        sql += """
             ORDER BY CASE WHEN \(ticker) = $2 THEN 0 WHEN \(ticker) LIKE $3 ESCAPE '\\' THEN 1 ELSE 2 END, \
            \(connection.bytewise("ticker")), \(connection.bytewise("market")) LIMIT $\(parameters.count)
            """
        return try connection.query(sql, parameters).map(SymbolRecord.init)
    }

    /// The known symbols among `tickers` (of one market when given), in the order asked;
    /// tickers not returned are unknown.
    public func batch(tickers: [String], market: String? = nil) throws(StorageError) -> [SymbolRecord] {
        var unique: [String] = []
        var position: [String: Int] = [:]
        for ticker in tickers where position[ticker] == nil {
            position[ticker] = unique.count
            unique.append(ticker)
        }
        var found: [SymbolRecord] = []
        for start in stride(from: 0, to: unique.count, by: Self.batchSize) {
            var filter = SQLWhereClause()
            filter.require("ticker", in: unique[start..<min(start + Self.batchSize, unique.count)].map(\.sqlValue))
            filter.require("market", "=", market)
            found += try connection.query("SELECT \(Self.columns) FROM symbol_info\(filter.sql)", filter.parameters)
                .map(SymbolRecord.init)
        }
        return found.sorted { ($0.ticker == $1.ticker) ? $0.market.utf8.lexicographicallyPrecedes($1.market.utf8)
            : position[$0.ticker, default: 0] < position[$1.ticker, default: 0] }
    }

    /// Every symbol (of one market, and only active ones, when asked), by market and ticker.
    public func list(market: String? = nil, activeOnly: Bool = false) throws(StorageError) -> [SymbolRecord] {
        var filter = SQLWhereClause()
        filter.require("market", "=", market)
        if activeOnly { filter.require("status = 'active'") }
        return try connection.query(
            "SELECT \(Self.columns) FROM symbol_info\(filter.sql) ORDER BY \(connection.bytewise("market")), \(connection.bytewise("ticker"))",
            filter.parameters).map(SymbolRecord.init)
    }

    /// Counts a collection failure: one more consecutive failure, the error and its time
    /// recorded, and the symbol deactivated when the count reaches `deactivationThreshold`.
    /// Returns the updated symbol; nil when it is unknown.
    public func recordFailure(ticker: String, market: String, error: String, at time: Int) throws(StorageError) -> SymbolRecord? {
        try connection.execute(
            """
            UPDATE symbol_info SET consecutive_failures = consecutive_failures + 1, last_error = $3, last_failed_at = $4,
            updated_at = $4, status = CASE WHEN consecutive_failures + 1 >= $5 THEN 'inactive' ELSE status END
            WHERE ticker = $1 AND market = $2
            """, ticker, market, error, time, Self.deactivationThreshold)
        return try find(ticker: ticker, market: market)
    }

    /// Counts a successful collection: the failure streak restarts at zero. The status is left
    /// alone (a deactivated symbol comes back only by reactivation) and so is the last error,
    /// as history. Returns true when a streak was cleared.
    @discardableResult
    public func recordSuccess(ticker: String, market: String, at time: Int) throws(StorageError) -> Bool {
        try connection.execute(
            "UPDATE symbol_info SET consecutive_failures = 0, updated_at = $3 WHERE ticker = $1 AND market = $2 AND consecutive_failures > 0",
            ticker, market, time) == 1
    }

    /// Symbols that failed or are deactivated (of one market when given): most failures first,
    /// then the most recent failure, then by ticker.
    public func failed(market: String? = nil, limit: Int = 100, offset: Int = 0) throws(StorageError) -> [SymbolRecord] {
        let filter = Self.failing(market: market)
        let parameters = filter.parameters + [limit.sqlValue, offset.sqlValue]
        return try connection.query(
            """
            SELECT \(Self.columns) FROM symbol_info\(filter.sql) \
            ORDER BY consecutive_failures DESC, COALESCE(last_failed_at, 0) DESC, \(connection.bytewise("ticker")), \
            \(connection.bytewise("market")) LIMIT $\(parameters.count - 1) OFFSET $\(parameters.count)
            """, parameters).map(SymbolRecord.init)
    }

    /// How many symbols `failed(market:)` lists before paging.
    public func failedCount(market: String? = nil) throws(StorageError) -> Int {
        let filter = Self.failing(market: market)
        return try connection.query("SELECT COUNT(*) AS n FROM symbol_info\(filter.sql)", filter.parameters).first?.int("n") ?? 0
    }

    /// Collection health counts. Critical: active with at least `deactivationThreshold - 1`
    /// failures (2); warning: active with fewer failures, but at least one (1); deactivated:
    /// status `inactive`, whatever its count.
    /// Counted over one market when `market` is given.
    public func statusCounts(market: String? = nil) throws(StorageError) -> SymbolStatusCounts {
        var parameters: [SQLValue] = [(Self.deactivationThreshold - 1).sqlValue]
        var sql = """
            SELECT COUNT(*) AS total,
            COALESCE(SUM(CASE WHEN status = 'active' THEN 1 ELSE 0 END), 0) AS active,
            COALESCE(SUM(CASE WHEN status = 'active' AND consecutive_failures >= $1 THEN 1 ELSE 0 END), 0) AS critical,
            COALESCE(SUM(CASE WHEN status = 'active' AND consecutive_failures > 0 AND consecutive_failures < $1 THEN 1 ELSE 0 END), 0)
            AS warning
            FROM symbol_info
            """
        if let market {
            parameters.append(market.sqlValue)
            sql += " WHERE market = $2"
        }
        let row = try connection.query(sql, parameters).first
        guard let row else { return SymbolStatusCounts(total: 0, active: 0, deactivated: 0, critical: 0, warning: 0) }
        let total = try row.int("total")
        let active = try row.int("active")
        return SymbolStatusCounts(total: total, active: active, deactivated: total - active, critical: try row.int("critical"),
                                  warning: try row.int("warning"))
    }

    /// Switches a symbol back on: status active and no failures. The last error and its time
    /// are kept as history. Returns the symbol; nil when it is unknown.
    public func reactivate(ticker: String, market: String, at time: Int) throws(StorageError) -> SymbolRecord? {
        try connection.execute(
            """
            UPDATE symbol_info SET status = 'active', consecutive_failures = 0, updated_at = $3
            WHERE ticker = $1 AND market = $2 AND \(Self.failingFilter)
            """, ticker, market, time)
        return try find(ticker: ticker, market: market)
    }

    /// Reactivates the named symbols (of one market when given) that are deactivated or have
    /// failures, like `reactivate(ticker:market:at:)`; returns how many changed.
    public func reactivate(tickers: [String], market: String? = nil, at time: Int) throws(StorageError) -> Int {
        let unique = Array(Set(tickers))
        var changed = 0
        for start in stride(from: 0, to: unique.count, by: Self.batchSize) {
            let chunk = unique[start..<min(start + Self.batchSize, unique.count)]
            var parameters: [SQLValue] = [time.sqlValue] + chunk.map(\.sqlValue)
            var sql = """
                UPDATE symbol_info SET status = 'active', consecutive_failures = 0, updated_at = $1
                WHERE \(Self.failingFilter) AND ticker IN (\(SQLPlaceholders.list(chunk.count, from: 2)))
                """
            if let market {
                parameters.append(market.sqlValue)
                sql += " AND market = $\(parameters.count)"
            }
            changed += try connection.execute(sql, parameters)
        }
        return changed
    }

    /// Reactivates every deactivated symbol (of one market when given); active symbols keep
    /// their failure counts. Returns how many were reactivated.
    public func reactivateAll(market: String? = nil, at time: Int) throws(StorageError) -> Int {
        let sql = "UPDATE symbol_info SET status = 'active', consecutive_failures = 0, updated_at = $1 WHERE status <> 'active'"
        guard let market else { return try connection.execute(sql, time) }
        return try connection.execute(sql + " AND market = $2", time, market)
    }

    /// Switches off a symbol the provider no longer lists (a symbol sync), recording why as its
    /// last error; its failure count is kept. Returns true when an active symbol was switched off.
    @discardableResult
    public func deactivate(ticker: String, market: String, reason: String, at time: Int) throws(StorageError) -> Bool {
        try connection.execute(
            """
            UPDATE symbol_info SET status = 'inactive', last_error = $3, last_failed_at = $4, updated_at = $4
            WHERE ticker = $1 AND market = $2 AND status = 'active'
            """, ticker, market, reason, time) == 1
    }

    /// How many symbols are known (of one market when given).
    public func count(market: String? = nil) throws(StorageError) -> Int {
        var filter = SQLWhereClause()
        filter.require("market", "=", market)
        return try connection.query("SELECT COUNT(*) AS n FROM symbol_info\(filter.sql)", filter.parameters).first?.int("n") ?? 0
    }

    /// Symbols that failed at least once or are switched off, of one market when given.
    private static func failing(market: String?) -> SQLWhereClause {
        var filter = SQLWhereClause()
        filter.require(failingFilter)
        filter.require("market", "=", market)
        return filter
    }
}

extension Repositories {
    /// The symbol list and its collection health.
    public var symbols: SymbolRepository { SymbolRepository(connection: connection) }
}
