/// The market's state machine, driven by the clock: `advance(to:)` plays every symbol's feed
/// up to a time (one trade per symbol per tick slot, slot by slot so symbols stay in step),
/// aggregates candles of every interval, keeps the 24-hour windows, and at each publish
/// instant refreshes the books, tells the sink what changed and makes a new snapshot. Not
/// thread-safe: one owner (the engine thread, a test, a benchmark) drives it.
public final class MarketCore {
    public let settings: MarketSettings
    private var markets: [SymbolMarket]
    private var indexByKey: [SymbolKey: Int] = [:]
    private let sink: (any MarketUpdateSink)?
    /// The last slot played, the next publish instant and the next flush instant.
    private var lastSlot: Int
    private var nextPublish: Int
    private var nextFlush: Int
    public private(set) var events = 0
    public private(set) var snapshot: MarketSnapshot

    /// A market starting at `now` (the clock's time): the feed starts with the slot after it.
    public init(settings: MarketSettings, symbols: [SymbolStart], sink: (any MarketUpdateSink)?, now: Int) {
        self.settings = settings
        self.sink = sink
        markets = []
        lastSlot = Self.floorDiv(now, settings.feed.tickMilliseconds)
        nextPublish = now
        nextFlush = now + settings.flushMilliseconds
        snapshot = MarketSnapshot(time: now)
        for start in symbols { add(start) }
        publish(at: now)
    }

    /// Adds a symbol (or restarts one already there from `start`).
    public func add(_ start: SymbolStart) {
        var market = SymbolMarket(start, settings: settings)
        market.refreshBook(settings.book)
        if let index = indexByKey[start.spec.key] {
            markets[index] = market
        } else {
            indexByKey[start.spec.key] = markets.count
            markets.append(market)
        }
        snapshot.symbols[start.spec.key] = market.snapshot()
    }

    /// Plays the feeds up to `now`; returns true when it published. Slots older than the
    /// catch-up allowance are skipped (after a stall the market moves on from the present).
    @discardableResult
    public func advance(to now: Int) -> Bool {
        let published = snapshot.time
        let step = settings.feed.tickMilliseconds
        let newest = Self.floorDiv(now, step)
        if newest > lastSlot {
            let oldest = max(lastSlot + 1, newest - settings.maxCatchUpMilliseconds / step)
            var slot = oldest
            while slot <= newest {
                let time = slot * step
                for index in markets.indices {
                    let tick = markets[index].feed.trade(slot: slot, time: time, from: markets[index].price)
                    markets[index].apply(tick)
                }
                events += markets.count
                if time >= nextPublish { publish(at: time) }
                slot += 1
            }
            lastSlot = newest
        }
        if now >= nextPublish { publish(at: now) }
        return snapshot.time != published
    }

    /// Takes one trade of a symbol from outside the feeds (an imported or exchange trade).
    public func apply(_ tick: Tick, to symbol: SymbolKey) {
        guard let index = indexByKey[symbol] else { return }
        markets[index].apply(tick)
        events += 1
    }

    /// The candles changed since the last call, once `flushMilliseconds` passed since it (or
    /// at once with `force`): the forming candle of each changed interval and every candle
    /// that closed. Empty before the flush is due.
    public func takeWrites(now: Int, force: Bool = false) -> [CandleWrite] {
        guard force || now >= nextFlush else { return [] }
        nextFlush = now + settings.flushMilliseconds
        var writes: [CandleWrite] = []
        for index in markets.indices {
            let spec = markets[index].spec
            func write(_ interval: CandleInterval, _ bar: Bar) {
                writes.append(CandleWrite(symbol: spec.key, market: spec.market, interval: interval, bar: bar,
                                          prices: spec.prices, quantities: spec.quantities))
            }
            for (interval, bar) in markets[index].closedToFlush { write(interval, bar) }
            markets[index].closedToFlush.removeAll(keepingCapacity: true)
            let mask = markets[index].flushMask
            markets[index].flushMask = 0
            for (bit, interval) in SymbolMarket.intervals.enumerated() where mask & (1 << bit) != 0 {
                if let forming = markets[index].aggregators[bit].current { write(interval, forming) }
            }
        }
        return writes
    }

    /// The next instant `advance` has work: the next slot, publish or flush.
    public func nextDue() -> Int {
        min((lastSlot + 1) * settings.feed.tickMilliseconds, nextPublish, nextFlush)
    }

    private func publish(at time: Int) {
        nextPublish = time + settings.publishMilliseconds
        for index in markets.indices {
            markets[index].refreshBook(settings.book)
            guard markets[index].tickerChanged else { continue }
            markets[index].tickerChanged = false
            let symbol = markets[index].snapshot()
            snapshot.symbols[symbol.spec.key] = symbol
            guard let sink else {
                // Nobody streams: what would have been sent is dropped, so it never piles up.
                markets[index].closedToPublish.removeAll(keepingCapacity: true)
                markets[index].publishMask = 0
                continue
            }
            sink.ticker(symbol)
            if let (tick, buyerTaker) = markets[index].lastTrade {
                sink.trade(symbol.spec, tick, sequence: markets[index].tradeSequence, buyerTaker: buyerTaker)
            }
            for (interval, bar) in markets[index].closedToPublish { sink.kline(symbol.spec, interval, bar, closed: true) }
            markets[index].closedToPublish.removeAll(keepingCapacity: true)
            let mask = markets[index].publishMask
            markets[index].publishMask = 0
            for (bit, interval) in SymbolMarket.intervals.enumerated() where mask & (1 << bit) != 0 {
                if let forming = markets[index].aggregators[bit].current { sink.kline(symbol.spec, interval, forming, closed: false) }
            }
            sink.book(symbol.spec, symbol.book, time: time)
        }
        snapshot.time = time
        snapshot.events = events
    }

    private static func floorDiv(_ value: Int, _ divisor: Int) -> Int {
        let quotient = value / divisor
        return value % divisor < 0 ? quotient - 1 : quotient
    }
}
