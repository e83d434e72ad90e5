/// One symbol's live market inside the engine: its feed, last price, the candles forming in
/// every interval, its 24-hour window, its book, and what changed since the last publish and
/// the last flush. Owned by the engine thread.
struct SymbolMarket {
    /// The feed, as an enum so the per-trade call is direct.
    enum Feed {
        case replay(ReplayFeed)
        case synthetic(SyntheticFeed)

        /// True for the replay of real candles.
        var replaysHistory: Bool {
            if case .replay = self { return true }
            return false
        }

        mutating func trade(slot: Int, time: Int, from price: Int64) -> Tick {
            switch self {
            case .replay(var feed):
                let tick = feed.trade(slot: slot, time: time, from: price)
                self = .replay(feed)
                return tick
            case .synthetic(var feed):
                let tick = feed.trade(slot: slot, time: time, from: price)
                self = .synthetic(feed)
                return tick
            }
        }
    }

    /// Closed candles kept in the snapshot per interval, beyond the forming one: enough to
    /// cover the persistence delay.
    static let recentClosed = 3
    static let intervals = CandleInterval.allCases

    let spec: SymbolSpec
    var feed: Feed
    var price: Int64
    var time = 0
    var aggregators: [BarAggregator]
    var recent: [[Bar]]
    var day: RollingDay
    var events = 0
    var tradeSequence = 0
    var lastTrade: (tick: Tick, buyerTaker: Bool)?
    /// Intervals (bit per index) whose forming candle changed since the last publish / flush.
    var publishMask: UInt16 = 0
    var flushMask: UInt16 = 0
    /// Candles closed since the last publish / flush.
    var closedToPublish: [(CandleInterval, Bar)] = []
    var closedToFlush: [(CandleInterval, Bar)] = []
    var book = L2Book(bids: [], asks: [])
    var bookPrice: Int64 = 0
    var bookRandom: SeededRandom
    var tickerChanged = true

    init(_ start: SymbolStart, settings: MarketSettings) {
        spec = start.spec
        price = max(1, start.price)
        let seed = Self.seed(of: start.spec)
        if let replay = start.replay, !replay.bars.isEmpty {
            feed = .replay(ReplayFeed(source: replay, settings: settings.feed, seed: seed))
        } else {
            let sigma: Double
            if case .synthetic(_, _, let value) = start.spec.source { sigma = value } else { sigma = 0.3 }
            // A trade is about a twentieth of a book level.
            let level = settings.book.depth(for: start.spec, at: price).meanLots
            feed = .synthetic(SyntheticFeed(sigma: sigma, meanLots: max(1, level / 20), settings: settings.feed, seed: seed))
        }
        aggregators = Self.intervals.map { BarAggregator(interval: $0, current: start.forming[$0]) }
        recent = Array(repeating: [], count: Self.intervals.count)
        day = RollingDay(reference: price)
        bookRandom = Self.bookRandom(of: start.spec)
    }

    /// The symbol's seed: its synthetic seed, or the stable seed of its name.
    static func seed(of spec: SymbolSpec) -> UInt64 {
        if case .synthetic(let seed, _, _) = spec.source { return seed }
        return DemoHistory.seed(for: spec.key)
    }

    /// The generator of a symbol's synthetic books (the engine's and a mirror's alike).
    static func bookRandom(of spec: SymbolSpec) -> SeededRandom {
        SeededRandom(seed: seed(of: spec) ^ 0xB00C)
    }

    /// Takes one trade: price, candles of every interval, the 24-hour window. Returns the
    /// intervals (bit per index of `intervals`) whose candle it closed; the closed candle is
    /// the last of `recent` then.
    @discardableResult
    mutating func apply(_ tick: Tick) -> UInt16 {
        var closedMask: UInt16 = 0
        let buyerTaker = tick.price >= price
        price = tick.price
        time = tick.time
        events += 1
        tradeSequence += 1
        lastTrade = (tick, buyerTaker)
        tickerChanged = true
        day.add(tick)
        let bar = Bar(tick)
        for index in aggregators.indices {
            switch aggregators[index].add(bar) {
            case .updated: break
            case .closed(let closed):
                let interval = Self.intervals[index]
                closedToPublish.append((interval, closed))
                closedToFlush.append((interval, closed))
                recent[index].append(closed)
                if recent[index].count > Self.recentClosed { recent[index].removeFirst() }
                closedMask |= 1 << index
            case .outOfOrder: continue
            }
            publishMask |= 1 << index
            flushMask |= 1 << index
        }
        return closedMask
    }

    /// Makes the book again around the price when the price moved since it was made, or when
    /// `replenish` (orders took from it: the market's depth comes back at each publish); true
    /// when it did.
    @discardableResult
    mutating func refreshBook(_ shape: BookShape, replenish: Bool = false) -> Bool {
        guard replenish || bookPrice != price || book.bids.isEmpty && book.asks.isEmpty else { return false }
        book = L2Book.synthetic(around: price, shape.depth(for: spec, at: price), random: &bookRandom)
        bookPrice = price
        return true
    }

    /// What REST reads see of the symbol.
    func snapshot() -> SymbolSnapshot {
        let summary = day.summary(price: price)
        var candles: [CandleInterval: [Bar]] = [:]
        for (index, interval) in Self.intervals.enumerated() {
            var bars = recent[index]
            if let forming = aggregators[index].current { bars.append(forming) }
            candles[interval] = bars
        }
        return SymbolSnapshot(spec: spec, price: price, time: time, changeHundredths: summary.changeHundredths,
                              volume24h: summary.volume, high24h: summary.high, low24h: summary.low, book: book,
                              recent: candles, events: events, replaysHistory: feed.replaysHistory)
    }
}
