import Foundation
import Primitives

/// One symbol in the screening cache.
public struct ScreeningRow: Sendable, Equatable {
    /// The symbol's ticker (`005930`, `AAPL`).
    public var ticker: String
    /// The symbol's market.
    public var market: String
    /// The symbol's name, or its ticker when it has none.
    public var name: String
    /// The symbol's sector, when known.
    public var sector: String?
    /// The latest daily close.
    public var price: ExactDecimal
    /// Market capitalisation (exact), from `symbol_fundamental`.
    public var marketCap: ExactDecimal?
    /// Price/earnings ratio.
    public var per: Double?
    /// Price/book ratio.
    public var pbr: Double?
    /// Return on equity (%).
    public var roe: Double?
    /// Dividend yield (%).
    public var dividendYield: Double?
    /// Debt ratio (%).
    public var debtRatio: Double?
    /// Revenue growth year on year (%).
    public var revenueGrowth: Double?
    /// Earnings growth year on year (%).
    public var earningsGrowth: Double?
    /// Percent change of the latest close against the close 1 daily candle earlier.
    public var priceChange1d: Double?
    /// Percent change against the close 5 daily candles earlier.
    public var priceChange5d: Double?
    /// Percent change against the close 20 daily candles earlier.
    public var priceChange20d: Double?
    /// The highest daily high of the 365 days up to the latest candle.
    public var high52w: Double?
    /// The lowest daily low of the same days.
    public var low52w: Double?
    /// Percent the latest close lies below `high52w`.
    public var distanceFrom52wHigh: Double?
    /// From `global_scores`; `NEUTRAL` when the symbol has no score.
    public var routeState: String
    /// The GlobalScore, when computed.
    public var score: Double?
    /// `BUY`, `WATCH` or `HOLD`, with the score.
    public var grade: String?
    /// When the cache was rebuilt (epoch ms).
    public var refreshedAt: Int

    init(row: SQLRow) throws(StorageError) {
        ticker = try row.string("ticker")
        market = try row.string("market")
        name = try row.string("name")
        sector = row.optionalString("sector")
        price = try row.decimal("price")
        marketCap = try row.optionalDecimal("market_cap")
        per = try row.optionalDouble("per")
        pbr = try row.optionalDouble("pbr")
        roe = try row.optionalDouble("roe")
        dividendYield = try row.optionalDouble("dividend_yield")
        debtRatio = try row.optionalDouble("debt_ratio")
        revenueGrowth = try row.optionalDouble("revenue_growth")
        earningsGrowth = try row.optionalDouble("earnings_growth")
        priceChange1d = try row.optionalDouble("price_change_1d")
        priceChange5d = try row.optionalDouble("price_change_5d")
        priceChange20d = try row.optionalDouble("price_change_20d")
        high52w = try row.optionalDouble("high_52w")
        low52w = try row.optionalDouble("low_52w")
        distanceFrom52wHigh = try row.optionalDouble("distance_from_52w_high")
        routeState = try row.string("route_state")
        score = try row.optionalDouble("score")
        grade = row.optionalString("grade")
        refreshedAt = try row.int("refreshed_at")
    }
}
