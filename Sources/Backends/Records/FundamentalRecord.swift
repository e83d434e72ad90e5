import Primitives

/// Fundamental data of one symbol (`symbol_fundamental`), for screening and the value,
/// quality and growth factors. Ratios are analytics (`Double`); the market capitalisation is money.
public struct FundamentalRecord: Sendable, Equatable {
    /// Exchange ticker.
    public var ticker: String
    /// Market code.
    public var market: String
    /// Price to earnings.
    public var per: Double?
    /// Price to book.
    public var pbr: Double?
    /// Price to sales.
    public var psr: Double?
    /// Return on equity, percent.
    public var roe: Double?
    /// Return on assets, percent.
    public var roa: Double?
    /// Operating margin, percent.
    public var operatingMargin: Double?
    /// Net margin, percent.
    public var netMargin: Double?
    /// Revenue growth year over year, percent.
    public var revenueGrowth: Double?
    /// Earnings growth year over year, percent.
    public var earningsGrowth: Double?
    /// Dividend yield, percent.
    public var dividendYield: Double?
    /// Debt to equity, percent.
    public var debtRatio: Double?
    /// Market capitalisation in the market's currency, exact.
    public var marketCap: ExactDecimal?
    /// The symbol's sector (e.g. `Information Technology`), as the figures' source names it.
    public var sector: String?
    /// Where the figures come from (`FundamentalSource`): `demo` figures are illustrative only.
    public var source: String
    /// When the figures were stored (epoch ms).
    public var updatedAt: Int

    /// Fundamentals of a symbol; figures the provider lacks stay nil.
    public init(ticker: String, market: String, per: Double? = nil, pbr: Double? = nil, psr: Double? = nil, roe: Double? = nil,
                roa: Double? = nil, operatingMargin: Double? = nil, netMargin: Double? = nil, revenueGrowth: Double? = nil,
                earningsGrowth: Double? = nil, dividendYield: Double? = nil, debtRatio: Double? = nil,
                marketCap: ExactDecimal? = nil, sector: String? = nil, source: String = FundamentalSource.import, updatedAt: Int) {
        self.ticker = ticker
        self.market = market
        self.per = per
        self.pbr = pbr
        self.psr = psr
        self.roe = roe
        self.roa = roa
        self.operatingMargin = operatingMargin
        self.netMargin = netMargin
        self.revenueGrowth = revenueGrowth
        self.earningsGrowth = earningsGrowth
        self.dividendYield = dividendYield
        self.debtRatio = debtRatio
        self.marketCap = marketCap
        self.sector = sector
        self.source = source
        self.updatedAt = updatedAt
    }

    init(row: SQLRow) throws(StorageError) {
        self.init(
            ticker: try row.string("ticker"), market: try row.string("market"), per: try row.optionalDouble("per"),
            pbr: try row.optionalDouble("pbr"), psr: try row.optionalDouble("psr"), roe: try row.optionalDouble("roe"),
            roa: try row.optionalDouble("roa"), operatingMargin: try row.optionalDouble("operating_margin"),
            netMargin: try row.optionalDouble("net_margin"), revenueGrowth: try row.optionalDouble("revenue_growth"),
            earningsGrowth: try row.optionalDouble("earnings_growth"), dividendYield: try row.optionalDouble("dividend_yield"),
            debtRatio: try row.optionalDouble("debt_ratio"), marketCap: try row.optionalDecimal("market_cap"),
            sector: row.optionalString("sector"), source: try row.string("source"), updatedAt: try row.int("updated_at"))
    }
}
