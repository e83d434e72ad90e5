/// The market's state machine, driven by the clock: `advance(to:)` plays every symbol's feed
/// up to a time (one trade per symbol per tick slot, slot by slot so symbols stay in step),
/// aggregates candles of every interval, keeps the 24-hour windows, and at each publish
/// instant refreshes the books, tells the sink what changed and makes a new snapshot. Not
/// thread-safe: one owner (the engine thread, a test, a benchmark) drives it.
public final class MarketCore: StrategyMarket {
    public let settings: MarketSettings
    private var markets: [SymbolMarket]
    private var indexByKey: [SymbolKey: Int] = [:]
    private let sink: (any MarketUpdateSink)?
    /// The paper exchange trading on this market, if any: feed trades cross its resting orders,
    /// new books are its depth, and its fills are trades of the market.
    public let exchange: PaperExchange?
    /// The strategies trading on the exchange (with it).
    public let strategies: StrategyHost?
    /// Each market's book number in the exchange, and the exchange version the snapshot shows.
    private var exchangeBooks: [Int] = []
    private var accountVersion = UInt64.max
    /// The last slot played, the next publish instant and the next flush instant.
    private var lastSlot: Int
    private var nextPublish: Int
    private var nextFlush: Int
    public private(set) var events = 0
    public private(set) var snapshot: MarketSnapshot
    /// The time the market last reached (a slot's, a command's).
    private var now: Int

    /// A market starting at `now` (the clock's time): the feed starts with the slot after it.
    public init(settings: MarketSettings, symbols: [SymbolStart], sink: (any MarketUpdateSink)?, now: Int,
                exchange: PaperExchange? = nil, strategyTypes: [any Strategy.Type] = StrategyRegistry.types) {
        self.settings = settings
        self.sink = sink
        self.exchange = exchange
        strategies = exchange.map { StrategyHost(exchange: $0, seed: UInt64(truncatingIfNeeded: now) ^ 0x5743_7261_7465, types: strategyTypes) }
        markets = []
        self.now = now
        lastSlot = Self.floorDiv(now, settings.feed.tickMilliseconds)
        nextPublish = now
        nextFlush = now + settings.flushMilliseconds
        snapshot = MarketSnapshot(time: now)
        strategies?.market = self
        for start in symbols { add(start) }
        publish(at: now)
    }

    /// Adds a symbol (or restarts one already there from `start`).
    public func add(_ start: SymbolStart) {
        var market = SymbolMarket(start, settings: settings)
        market.refreshBook(settings.book)
        let index: Int
        if let existing = indexByKey[start.spec.key] {
            index = existing
            markets[index] = market
        } else {
            index = markets.count
            indexByKey[start.spec.key] = index
            markets.append(market)
            exchange?.add(start.spec)
            exchangeBooks.append(exchange?.bookNumber(of: start.spec.key) ?? -1)
        }
        if let exchange {
            exchange.setBook(start.spec.key, market.book, at: snapshot.time)
            takeExchangeTrades()
            markets[index].book = exchange.depth(of: start.spec.key) ?? market.book
        }
        snapshot.symbols[start.spec.key] = markets[index].snapshot()
    }

    /// The exchange's fills since the last call become trades of their markets: they move the
    /// price and count in the candles and the 24-hour window.
    private func takeExchangeTrades() {
        guard let exchange else { return }
        for (symbol, tick) in exchange.takeTrades() {
            guard let index = indexByKey[symbol] else { continue }
            let closed = markets[index].apply(tick)
            events += 1
            if closed != 0 { candlesClosed(index, closed, at: tick.time) }
        }
        // Also when no fill waits but orders were retired: `processFills` then forgets them.
        if let strategies, exchange.hasStrategyFills || strategies.hasRetired { strategies.processFills(at: now) }
    }

    /// Settles what commands left behind: the exchange's fills become market trades, and the
    /// fills of strategies' orders reach their strategies. The engine runs it after each
    /// round of commands.
    public func settle(at time: Int) {
        now = max(now, time)
        takeExchangeTrades()
    }

    /// Candles of `index` closed (bit per interval): the strategies on them decide.
    private func candlesClosed(_ index: Int, _ mask: UInt16, at time: Int) {
        guard let strategies, strategies.wants(markets[index].spec.key) else { return }
        for (bit, interval) in SymbolMarket.intervals.enumerated() where mask & (1 << bit) != 0 {
            guard let bar = markets[index].recent[bit].last else { continue }
            strategies.candleClosed(symbol: markets[index].spec.key, interval: interval, bar: bar, at: time)
            takeExchangeTrades()
        }
    }

    // MARK: StrategyMarket

    func lastPrice(of symbol: SymbolKey) -> Int64? { indexByKey[symbol].map { markets[$0].price } }

    func eventCount(of symbol: SymbolKey) -> Int { indexByKey[symbol].map { markets[$0].events } ?? 0 }

    func spec(of symbol: SymbolKey) -> SymbolSpec? { indexByKey[symbol].map { markets[$0].spec } }

    /// Places an order on the exchange at `time`; its fills trade on the market at once.
    public func place(_ request: OrderRequest, at time: Int) throws(ExchangeRefusal) -> ExchangeOrder {
        guard let exchange else { throw .unknownSymbol(request.symbol.marketForm) }
        let order = try exchange.place(request, at: time)
        takeExchangeTrades()
        return order
    }

    /// Opens (adds to, reduces or flips) the margin position of a symbol at the market; its
    /// fills trade on the market at once. Answers the order and the position's id (the closed
    /// position's when the order closed it).
    public func placeMargin(symbol: SymbolKey, side: OrderSide, quantity: Int64, leverageHundredths: Int64, at time: Int)
        throws(ExchangeRefusal) -> (order: ExchangeOrder, positionID: String?) {
        guard let exchange else { throw .unknownSymbol(symbol.marketForm) }
        let key = PositionKey(exchange: PositionKey.margin, symbol: symbol, strategyID: nil)
        let before = exchange.position(key)?.id
        let order = try exchange.placeMargin(symbol: symbol, side: side, quantity: quantity, leverageHundredths: leverageHundredths,
                                             at: time)
        takeExchangeTrades()
        return (order, exchange.position(key)?.id ?? before)
    }

    /// Cancels an order on the exchange.
    public func cancel(id: String, reason: String?, at time: Int) throws(ExchangeRefusal) -> ExchangeOrder {
        guard let exchange else { throw .orderNotFound(id) }
        return try exchange.cancel(id: id, reason: reason, at: time)
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
                self.now = time
                for index in markets.indices {
                    let tick = markets[index].feed.trade(slot: slot, time: time, from: markets[index].price)
                    let closed = markets[index].apply(tick)
                    if let exchange, exchange.marketTrade(book: exchangeBooks[index], tick) { takeExchangeTrades() }
                    if closed != 0 { candlesClosed(index, closed, at: time) }
                }
                events += markets.count
                if time >= nextPublish { publish(at: time) }
                slot += 1
            }
            lastSlot = newest
            exchange?.expire(at: now)
        }
        self.now = max(self.now, now)
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
            let taken = exchange?.depthTaken(of: markets[index].spec.key) ?? false
            if markets[index].refreshBook(settings.book, replenish: taken), let exchange {
                // A new book: the exchange's depth from now on; resting orders it crosses fill.
                let key = markets[index].spec.key
                exchange.setBook(key, markets[index].book, at: time)
                takeExchangeTrades()
                markets[index].book = exchange.depth(of: key) ?? markets[index].book
            }
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
        // The strategies' counters of market data move with every trade: shown at each publish.
        refreshAccount(strategies: true)
    }

    /// Puts the exchange's account (positions, balances, active orders) and the strategies in
    /// the snapshot.
    /// The strategies are shown again when one changed (or with `strategies`); true when the
    /// account changed since the last call.
    @discardableResult
    public func refreshAccount(strategies all: Bool = false) -> Bool {
        if let strategies, all || strategies.hasChanges { snapshot.strategies = strategies.views }
        guard let exchange, exchange.version != accountVersion else { return false }
        accountVersion = exchange.version
        snapshot.positions = exchange.positions.values.map(\.summary).sorted { ($0.openedAt, $0.id) < ($1.openedAt, $1.id) }
        snapshot.balances = exchange.balances
        snapshot.activeOrders = exchange.activeOrders
        return true
    }

    private static func floorDiv(_ value: Int, _ divisor: Int) -> Int {
        let quotient = value / divisor
        return value % divisor < 0 ? quotient - 1 : quotient
    }
}
