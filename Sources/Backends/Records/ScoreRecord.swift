/// The current GlobalScore of a symbol (`global_scores`), as the ranking shows it.
public struct ScoreRecord: Sendable, Equatable {
    /// Exchange ticker.
    public var ticker: String
    /// Market code.
    public var market: String
    /// GlobalScore, 0…100.
    public var score: Double
    /// `BUY`, `WATCH` or `HOLD`.
    public var grade: String
    /// `OVERHEAT`, `ATTACK`, `ARMED`, `WAIT` or `NEUTRAL`.
    public var routeState: String
    /// The inputs and parts of the score as JSON text; nil when not kept (normalised by
    /// PostgreSQL: compare parsed).
    public var factors: String?
    /// When the score was computed (epoch ms).
    public var computedAt: Int

    /// A computed score.
    public init(ticker: String, market: String, score: Double, grade: String, routeState: String, factors: String? = nil,
                computedAt: Int) {
        self.ticker = ticker
        self.market = market
        self.score = score
        self.grade = grade
        self.routeState = routeState
        self.factors = factors
        self.computedAt = computedAt
    }

    init(row: SQLRow) throws(StorageError) {
        self.init(
            ticker: try row.string("ticker"), market: try row.string("market"), score: try row.double("score"),
            grade: try row.string("grade"), routeState: try row.string("route_state"), factors: row.optionalString("factors"),
            computedAt: try row.int("computed_at"))
    }
}
