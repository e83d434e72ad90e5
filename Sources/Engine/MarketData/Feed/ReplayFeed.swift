/// The live feed of a symbol with real history: its candles replayed in order, `speed` times
/// faster than they happened, each one *rebased* onto the live price (scaled so that it opens
/// where the live price stands, keeping its relative high, low and close), with trades inside
/// it from `TickSynthesizer` (a seeded Brownian bridge through open, high, low and close).
/// When the candles run out the replay starts again from the first. Which candle plays is a
/// function of the clock alone (`time × speed / interval`), so a restart resumes the same
/// place in the history.
public struct ReplayFeed: MarketDataFeed {
    public let source: ReplaySource
    public let settings: FeedSettings
    public let seed: UInt64
    /// The length of one replayed candle on the clock, in ms.
    private let span: Double
    /// The candle being played: its absolute index and its trades, one per slot.
    private var playing: (index: Int, firstSlot: Int, trades: [Tick])?

    public init(source: ReplaySource, settings: FeedSettings, seed: UInt64) {
        precondition(!source.bars.isEmpty, "a replay needs candles")
        self.source = source
        self.settings = settings
        self.seed = seed
        let length = Double(source.interval.fixedMilliseconds ?? 30 * 86_400_000)
        span = max(Double(settings.tickMilliseconds), length / settings.speed)
    }

    public mutating func trade(slot: Int, time: Int, from price: Int64) -> Tick {
        let index = Int((Double(time) / span).rounded(.down))
        if playing?.index != index { start(index, price: price) }
        let playing = playing!
        let tick = playing.trades[min(playing.trades.count - 1, max(0, slot - playing.firstSlot))]
        return Tick(time: time, price: tick.price, quantity: tick.quantity)
    }

    /// Rebases the candle of `index` on `price` and lays its trades on the slots it covers.
    private mutating func start(_ index: Int, price: Int64) {
        let count = source.bars.count
        let bar = source.bars[((index % count) + count) % count]
        let startTime = Int((Double(index) * span).rounded(.up))
        let endTime = Int((Double(index + 1) * span).rounded(.up))
        let tick = settings.tickMilliseconds
        let firstSlot = Self.ceilDiv(startTime, tick)
        let slots = max(1, Self.ceilDiv(endTime, tick) - firstSlot)
        let rebased = Self.rebase(bar, onto: max(1, price))
        var random = SeededRandom.feed(seed: seed, index: index)
        let trades = TickSynthesizer.ticks(inside: rebased, duration: max(1, endTime - startTime), count: slots, random: &random)
        playing = (index, firstSlot, trades)
    }

    /// `bar` scaled by `price / bar.open`: it opens at `price`, the other prices keep their
    /// ratio to the open (at least one tick), the volume is unchanged.
    static func rebase(_ bar: Bar, onto price: Int64) -> Bar {
        let factor = Double(price) / Double(max(1, bar.open))
        func scaled(_ value: Int64) -> Int64 { max(1, Int64((Double(value) * factor).rounded())) }
        let close = scaled(bar.close)
        let high = max(price, close, scaled(bar.high))
        let low = min(price, close, scaled(bar.low))
        return Bar(start: bar.start, open: price, high: high, low: low, close: close, volume: bar.volume)
    }

    private static func ceilDiv(_ value: Int, _ divisor: Int) -> Int {
        let quotient = value / divisor
        return value % divisor > 0 ? quotient + 1 : quotient
    }
}
