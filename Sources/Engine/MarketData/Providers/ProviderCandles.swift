import Backends
import Primitives

/// The one check every provider's candles pass before anything stores them.
public enum ProviderCandles {
    /// The candles of `request` among `candles`: each moved to the opening of its interval
    /// (a monthly row dated at the month's end is that month's candle), those outside the
    /// requested range left out, oldest first.
    /// - Throws: `.badAnswer` for a negative value, a low or high that does not bound the open
    ///   and close, or two candles in one interval; `.noData` when no candle is left.
    public static func checked(_ candles: [CandleRecord], for request: CandleRequest) throws(ProviderError) -> [CandleRecord] {
        var kept: [CandleRecord] = []
        kept.reserveCapacity(candles.count)
        for var candle in candles {
            let values = [candle.open, candle.high, candle.low, candle.close, candle.volume]
            guard !values.contains(where: \.isNegative) else {
                throw .badAnswer("the candle at \(Timestamp.iso8601(epochMilliseconds: candle.timestamp)) has a negative value")
            }
            guard candle.low <= candle.open, candle.low <= candle.close, candle.high >= candle.open, candle.high >= candle.close else {
                throw .badAnswer("the candle at \(Timestamp.iso8601(epochMilliseconds: candle.timestamp)): low and high do not bound open and close")
            }
            candle.timestamp = request.interval.bucketStart(of: candle.timestamp)
            if request.contains(candle.timestamp) { kept.append(candle) }
        }
        kept.sort { $0.timestamp < $1.timestamp }
        for (earlier, later) in zip(kept, kept.dropFirst()) where earlier.timestamp == later.timestamp {
            throw .badAnswer("two candles in the \(request.interval.rawValue) interval opening at \(Timestamp.iso8601(epochMilliseconds: later.timestamp))")
        }
        guard !kept.isEmpty else { throw .noData(request.series) }
        return kept
    }
}
