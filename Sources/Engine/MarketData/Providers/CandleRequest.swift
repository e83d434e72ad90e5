/// The candles asked of a provider: one series and a time range (epoch ms, inclusive, of the
/// candles' opening times; nil: as far as the provider goes, or up to now).
public struct CandleRequest: Sendable, Equatable {
    /// The ticker in its stored form (`005930`, `BTC-USDT`).
    public var ticker: String
    public var market: MarketKind
    public var interval: CandleInterval
    public var start: Int?
    public var end: Int?

    public init(ticker: String, market: MarketKind, interval: CandleInterval, start: Int? = nil, end: Int? = nil) {
        self.ticker = ticker
        self.market = market
        self.interval = interval
        self.start = start
        self.end = end
    }

    /// True when a candle opening at `time` lies in the range.
    public func contains(_ time: Int) -> Bool {
        (start.map { time >= $0 } ?? true) && (end.map { time <= $0 } ?? true)
    }

    /// `005930 KR 1d`, for messages.
    public var series: String { "\(ticker) \(market.rawValue) \(interval.rawValue)" }
}
