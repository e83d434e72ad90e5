import Primitives

/// One top-ranked pick of a day (`reality_check_snapshots`), later checked against the next
/// trading day's real return.
public struct SnapshotRecord: Sendable, Equatable {
    /// The day the ranking was taken, `YYYY-MM-DD` (UTC).
    public var snapshotDate: String
    /// Exchange ticker.
    public var ticker: String
    /// Market code.
    public var market: String
    /// 1-based position in that day's ranking.
    public var rank: Int
    /// `BUY`, `WATCH` or `HOLD` at the time.
    public var grade: String
    /// GlobalScore at the time.
    public var score: Double
    /// The price the pick is measured from, exact.
    public var entryPrice: ExactDecimal
    /// The next trading day's return in percent; nil until verified.
    public var nextDayReturn: Double?
    /// Its route state when picked (nil for picks stored before version 11).
    public var routeState: String?
    /// The market's next-day return the same day in percent (the mean of every scored symbol
    /// of the pick's market); nil until verified, or for picks stored before version 11.
    public var marketReturn: Double?
    /// When the snapshot was taken (epoch ms).
    public var createdAt: Int

    /// A pick; unverified until `nextDayReturn` is set.
    public init(snapshotDate: String, ticker: String, market: String, rank: Int, grade: String, score: Double,
                entryPrice: ExactDecimal, nextDayReturn: Double? = nil, routeState: String? = nil, marketReturn: Double? = nil,
                createdAt: Int) {
        self.snapshotDate = snapshotDate
        self.ticker = ticker
        self.market = market
        self.rank = rank
        self.grade = grade
        self.score = score
        self.entryPrice = entryPrice
        self.nextDayReturn = nextDayReturn
        self.routeState = routeState
        self.marketReturn = marketReturn
        self.createdAt = createdAt
    }

    init(row: SQLRow) throws(StorageError) {
        self.init(
            snapshotDate: try row.string("snapshot_date"), ticker: try row.string("ticker"), market: try row.string("market"),
            rank: try row.int("rank"), grade: try row.string("grade"), score: try row.double("score"),
            entryPrice: try row.decimal("entry_price"), nextDayReturn: try row.optionalDouble("next_day_return"),
            routeState: row.optionalString("route_state"), marketReturn: try row.optionalDouble("market_return"), createdAt: try row.int("created_at"))
    }
}
