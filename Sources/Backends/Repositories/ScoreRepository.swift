/// GlobalScores: the latest per symbol (`global_scores`) and every one computed (`score_history`).
public struct ScoreRepository {
    let connection: any SQLConnection
    private var columns: String {
        "ticker, market, score, grade, route_state, \(connection.jsonText("factors")), computed_at"
    }

    /// Stores a computed score: appended to the history (a second score of the same symbol and
    /// time replaces the first) and made the symbol's current score unless a later one is
    /// already current. Factors that are not JSON fail with `.constraintViolation`.
    public func save(_ score: ScoreRecord) throws(StorageError) {
        try JSONColumn.check(score.factors, column: "global_scores.factors")
        try connection.execute(
            """
            INSERT INTO global_scores (ticker, market, score, grade, route_state, factors, computed_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7)
            ON CONFLICT (ticker, market) DO UPDATE SET score = excluded.score, grade = excluded.grade,
            route_state = excluded.route_state, factors = excluded.factors, computed_at = excluded.computed_at
            WHERE excluded.computed_at >= global_scores.computed_at
            """,
            [score.ticker.sqlValue, score.market.sqlValue, score.score.sqlValue, score.grade.sqlValue, score.routeState.sqlValue,
             score.factors.sqlValue, score.computedAt.sqlValue])
        try connection.execute(
            """
            INSERT INTO score_history (ticker, market, score, grade, computed_at) VALUES ($1, $2, $3, $4, $5)
            ON CONFLICT (ticker, market, computed_at) DO UPDATE SET score = excluded.score, grade = excluded.grade
            """, score.ticker, score.market, score.score, score.grade, score.computedAt)
    }

    /// The current score of a symbol.
    public func find(ticker: String, market: String) throws(StorageError) -> ScoreRecord? {
        try connection.query("SELECT \(columns) FROM global_scores WHERE ticker = $1 AND market = $2", ticker, market)
            .first.map(ScoreRecord.init)
    }

    /// Current scores, best first (ties by ticker, then market), filtered by market, route
    /// state and grade when given.
    public func ranking(market: String? = nil, routeState: String? = nil, grade: String? = nil, limit: Int = 100, offset: Int = 0)
        throws(StorageError) -> [ScoreRecord] {
        let filter = Self.filter(market: market, routeState: routeState, grade: grade)
        let parameters = filter.parameters + [limit.sqlValue, offset.sqlValue]
        return try connection.query(
            """
            SELECT \(columns) FROM global_scores\(filter.sql)
            ORDER BY score DESC, \(connection.bytewise("ticker")), \(connection.bytewise("market"))
            LIMIT $\(parameters.count - 1) OFFSET $\(parameters.count)
            """, parameters).map(ScoreRecord.init)
    }

    /// How many scores `ranking(market:routeState:grade:)` matches before paging.
    public func rankingCount(market: String? = nil, routeState: String? = nil, grade: String? = nil) throws(StorageError) -> Int {
        let filter = Self.filter(market: market, routeState: routeState, grade: grade)
        return try connection.query("SELECT COUNT(*) AS n FROM global_scores\(filter.sql)", filter.parameters).first?.int("n") ?? 0
    }

    /// The scores of a symbol computed at or after `since` (epoch ms), oldest first.
    public func history(ticker: String, market: String, since: Int = 0) throws(StorageError) -> [ScoreHistoryPoint] {
        try connection.query(
            """
            SELECT score, grade, computed_at FROM score_history
            WHERE ticker = $1 AND market = $2 AND computed_at >= $3 ORDER BY computed_at
            """, ticker, market, since).map { row throws(StorageError) in
            ScoreHistoryPoint(score: try row.double("score"), grade: try row.string("grade"), computedAt: try row.int("computed_at"))
        }
    }

    private static func filter(market: String?, routeState: String?, grade: String?) -> SQLWhereClause {
        var filter = SQLWhereClause()
        filter.require("market", "=", market)
        filter.require("route_state", "=", routeState)
        filter.require("grade", "=", grade)
        return filter
    }
}

extension Repositories {
    /// GlobalScores and their history.
    public var scores: ScoreRepository { ScoreRepository(connection: connection) }
}
