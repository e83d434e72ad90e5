/// Builds the candles of one interval from ticks, or from candles of a shorter interval, in
/// time order. `add` returns the candle an input closed, if any; `current` is the one still
/// open. Input older than the open candle is refused (nil), so a series never holds
/// overlapping or out-of-order candles.
public struct BarAggregator: Sendable {
    public let interval: CandleInterval
    /// The candle still open, if any.
    public private(set) var current: Bar?
    /// When the open candle ends (the next one's start): inputs before it need no bucket sum.
    private var end = Int.min

    /// An aggregator whose open candle is `current` (a series resumed after a restart).
    public init(interval: CandleInterval, current: Bar? = nil) {
        self.interval = interval
        if let current { open(current, at: interval.bucketStart(of: current.start)) }
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
        guard let candle = current else {
            open(bar, at: interval.bucketStart(of: bar.start))
            return .updated
        }
        // The common case, an input inside the open candle, without working out its bucket.
        if bar.start >= candle.start && bar.start < end {
            current!.high = max(candle.high, bar.high)
            current!.low = min(candle.low, bar.low)
            current!.close = bar.close
            current!.volume += bar.volume
            return .updated
        }
        if bar.start < candle.start { return .outOfOrder }
        open(bar, at: interval.bucketStart(of: bar.start))
        return .closed(candle)
    }

    private mutating func open(_ bar: Bar, at start: Int) {
        current = Bar(start: start, open: bar.open, high: bar.high, low: bar.low, close: bar.close, volume: bar.volume)
        end = interval.nextStart(after: start)
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
