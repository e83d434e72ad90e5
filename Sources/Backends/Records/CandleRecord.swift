import Primitives

/// One OHLCV candle of a symbol and timeframe, opening at `timestamp` (epoch ms, UTC).
public struct CandleRecord: Sendable, Equatable {
    public var timestamp: Int
    public var open: ExactDecimal
    public var high: ExactDecimal
    public var low: ExactDecimal
    public var close: ExactDecimal
    public var volume: ExactDecimal

    public init(timestamp: Int, open: ExactDecimal, high: ExactDecimal, low: ExactDecimal, close: ExactDecimal, volume: ExactDecimal) {
        self.timestamp = timestamp
        self.open = open
        self.high = high
        self.low = low
        self.close = close
        self.volume = volume
    }
}
