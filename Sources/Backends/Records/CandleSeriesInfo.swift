import Primitives

/// What is stored for one symbol and timeframe (`ohlcv_metadata`).
public struct CandleSeriesInfo: Sendable, Equatable {
    public var ticker: String
    public var market: String
    public var timeframe: String
    public var firstTimestamp: Int
    public var lastTimestamp: Int
    public var count: Int
    /// Where the candles come from: one of `CandleSource`'s values.
    public var source: String
}
