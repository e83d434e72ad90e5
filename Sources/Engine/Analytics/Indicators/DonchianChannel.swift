/// Donchian channel over `period` candles: upper = the highest high and lower = the lowest
/// low of the last `period` candles (the candle just added included). Nil until `period`
/// candles arrived. A range strategy reads it before adding the candle that just closed, to
/// compare that close with the range of the candles before it.
public struct DonchianChannel: Sendable, Equatable {
    public let period: Int
    private var highs: RollingWindow
    private var lows: RollingWindow

    public init(period: Int = 20) {
        self.period = period
        highs = RollingWindow(capacity: period)
        lows = RollingWindow(capacity: period)
    }

    /// Adds a candle's high and low; returns the channel when there are `period` candles.
    @discardableResult
    public mutating func add(high: Double, low: Double) -> (lower: Double, upper: Double)? {
        highs.append(high)
        lows.append(low)
        return value
    }

    /// The lowest low and the highest high of the last `period` candles.
    public var value: (lower: Double, upper: Double)? {
        guard highs.isFull, let upper = highs.maximum, let lower = lows.minimum else { return nil }
        return (lower, upper)
    }
}
