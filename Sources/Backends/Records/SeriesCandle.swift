/// One candle together with the series it belongs to: what the engine's write-behind hands
/// to `CandleRepository.upsert`, several series mixed in one batch.
public struct SeriesCandle: Sendable, Equatable {
    public var ticker: String
    public var market: String
    public var timeframe: String
    public var candle: CandleRecord

    public init(ticker: String, market: String, timeframe: String, candle: CandleRecord) {
        self.ticker = ticker
        self.market = market
        self.timeframe = timeframe
        self.candle = candle
    }
}
