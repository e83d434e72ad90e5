import Primitives

/// One of a day's top-ranked symbols (issue 17 part 5): where it ranked, how it scored, and
/// the close it is measured from.
public struct RealityCheckPick: Sendable, Equatable {
    /// Ticker in market form (`BTC-USDT`, `005930`).
    public var ticker: String
    /// Market code (`CRYPTO`, `KR`, …).
    public var market: String
    /// 1-based position among the day's picks.
    public var rank: Int
    /// GlobalScore on the day.
    public var score: Double
    /// Grade on the day (`BUY`, `WATCH`, `HOLD`).
    public var grade: String
    /// RouteState on the day.
    public var routeState: String
    /// The day's close, exact at the symbol's tick: the next-day return is measured from it.
    public var entryPrice: ExactDecimal

    /// A pick as the picker makes it.
    public init(ticker: String, market: String, rank: Int, score: Double, grade: String, routeState: String,
                entryPrice: ExactDecimal) {
        self.ticker = ticker
        self.market = market
        self.rank = rank
        self.score = score
        self.grade = grade
        self.routeState = routeState
        self.entryPrice = entryPrice
    }
}
