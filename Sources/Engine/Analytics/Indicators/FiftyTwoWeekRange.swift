/// The 52-week range (API.md "Inputs of the scores": high52/low52 over the last 252 candles):
/// the highest high and the lowest low of the last `lookback` candles, or of all of them when
/// there are fewer; and where a price sits in it.
public struct FiftyTwoWeekRange: Sendable, Equatable {
    /// high52: the highest high of the window.
    public let high: Double
    /// low52: the lowest low of the window.
    public let low: Double

    /// The range of the last `lookback` highs and lows (oldest first, same length); nil when
    /// there are none.
    public init?(highs: [Double], lows: [Double], lookback: Int = 252) {
        guard let high = highs.suffix(lookback).max(), let low = lows.suffix(lookback).min() else { return nil }
        self.high = high
        self.low = low
    }

    /// The 52-week position of `price`, 0 at the low and 100 at the high:
    /// (price − low52)/(high52 − low52)·100, clamped to 0...100; 50 when the range is 0 (as
    /// API.md's range_pos takes the middle of an empty range).
    public func position(of price: Double) -> Double {
        let width = high - low
        guard width > 0 else { return 50 }
        return min(100, max(0, (price - low) / width * 100))
    }
}
