/// Builds the candles of one interval from ticks, or from candles of a shorter interval, in
/// time order. `add` returns the candle an input closed, if any; `current` is the one still
/// open. Input older than the open candle is refused (nil), so a series never holds
/// overlapping or out-of-order candles.
public struct BarAggregator: Sendable {
    public let interval: CandleInterval
    /// The candle still open, if any.
    public private(set) var current: Bar?

    public init(interval: CandleInterval) {
        self.interval = interval
    }

    /// What an input did to the series.
    public enum Outcome: Sendable, Equatable {
        /// The input went into the open candle (or opened the first one).
        case updated
        /// The input opened a new candle; the previous one closed and is returned.
        case closed(Bar)
        /// The input is older than the open candle and was left out.
        case outOfOrder
    }

    /// Adds a trade.
    public mutating func add(_ tick: Tick) -> Outcome {
        add(Bar(tick))
    }

    /// Adds a candle of a shorter interval (its `start` decides the bucket).
    public mutating func add(_ bar: Bar) -> Outcome {
        let start = interval.bucketStart(of: bar.start)
        guard var open = current else {
            current = Bar(start: start, open: bar.open, high: bar.high, low: bar.low, close: bar.close, volume: bar.volume)
            return .updated
        }
        if start < open.start { return .outOfOrder }
        if start > open.start {
            current = Bar(start: start, open: bar.open, high: bar.high, low: bar.low, close: bar.close, volume: bar.volume)
            return .closed(open)
        }
        open.high = max(open.high, bar.high)
        open.low = min(open.low, bar.low)
        open.close = bar.close
        open.volume += bar.volume
        current = open
        return .updated
    }

    /// The candles of `interval` made of `bars` (time-ordered, of a shorter interval),
    /// the last one included even if its bucket may not be complete.
    public static func roll(_ bars: [Bar], into interval: CandleInterval) -> [Bar] {
        var aggregator = BarAggregator(interval: interval)
        var result: [Bar] = []
        for bar in bars {
            if case .closed(let closed) = aggregator.add(bar) { result.append(closed) }
        }
        if let last = aggregator.current { result.append(last) }
        return result
    }
}
