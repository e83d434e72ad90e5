import Backends
import Primitives

/// Runs the strategy instances on the engine thread: it hands each running strategy the
/// closed candles of its symbols and the fills of its orders, checks what the strategy asks
/// for (the order must be possible, then the risk limits of its configuration), places the
/// orders on the paper exchange tagged with the strategy's id, keeps the counters, and
/// stops a strategy that fails without disturbing the others. What changes (instances,
/// their state, the events to stream, the errors to record) goes out with the exchange's
/// changes, in the same batch as the orders, so a restart finds both or neither.
///
/// Not thread-safe: the engine thread owns it (through `MarketCore`).
public final class StrategyHost {
    let exchange: PaperExchange
    /// The types instances may have (the registry's).
    let types: [any Strategy.Type]
    weak var market: (any StrategyMarket)?
    var instances: [String: StrategyInstance] = [:]
    /// Running instances by symbol: the instance id, the symbol's index in it, its interval.
    var subscribers: [SymbolKey: [(id: String, symbol: Int, interval: CandleInterval)]] = [:]
    var identifiers: IdentifierSource
    // What changed since `takeChanges`.
    var changed: Set<String> = []
    var removed: [String] = []
    var events: [StrategyEvent] = []
    var errors: [ErrorLogRecord] = []
    /// Whether some instance holds retired orders (`StrategyInstance.retired`).
    var hasRetired = false

    init(exchange: PaperExchange, seed: UInt64, types: [any Strategy.Type] = StrategyRegistry.types) {
        self.exchange = exchange
        self.types = types
        identifiers = IdentifierSource(seed: seed)
    }

    // MARK: Reads

    /// Every instance, by id.
    public var views: [StrategyView] {
        instances.keys.sorted().map { view(instances[$0]!) }
    }

    /// One instance.
    public func view(id: String) -> StrategyView? { instances[id].map(view) }

    func view(_ instance: StrategyInstance) -> StrategyView {
        StrategyView(id: instance.id, type: instance.type.descriptor.type, name: instance.name, version: instance.version,
                     running: instance.running, symbols: instance.specs.map(\.key.orderForm), config: instance.config.json,
                     signalsGenerated: instance.signalsGenerated, ordersSubmitted: instance.ordersSubmitted,
                     ordersFilled: instance.ordersFilled, marketDataProcessed: processed(instance),
                     state: instance.strategy?.state ?? instance.savedState)
    }

    /// Market events of its symbols the instance has processed while running.
    func processed(_ instance: StrategyInstance) -> Int {
        guard instance.running, let market else { return instance.processedBefore }
        var count = instance.processedBefore
        for (index, spec) in instance.specs.enumerated() where index < instance.eventsAtStart.count {
            count += max(0, market.eventCount(of: spec.key) - instance.eventsAtStart[index])
        }
        return count
    }

    /// True when an instance changed since the last `takeChanges` (its view is to show again).
    var hasChanges: Bool { !changed.isEmpty || !removed.isEmpty }

    /// True when a running strategy trades `symbol` (a closed candle of it matters).
    func wants(_ symbol: SymbolKey) -> Bool { subscribers[symbol] != nil }

    // MARK: Commands

    /// Creates a stopped instance: a known type, known symbols of one quote asset (as many as
    /// the type trades), a configuration its schema accepts.
    public func create(id: String, type typeName: String, name: String, symbols: [SymbolKey], config: JSONValue?, at time: Int)
        throws(StrategyCommandError) -> StrategyView {
        guard instances[id] == nil else { throw .conflict(id) }
        guard let type = types.first(where: { $0.descriptor.type == typeName }) else {
            throw .invalid(field: "body.type", reason: "unknown strategy type \(typeName)")
        }
        let descriptor = type.descriptor
        guard descriptor.symbols.contains(symbols.count) else {
            let count = descriptor.symbols.lowerBound == descriptor.symbols.upperBound ? "\(descriptor.symbols.lowerBound)"
                : "\(descriptor.symbols.lowerBound) to \(descriptor.symbols.upperBound)"
            throw .invalid(field: "body.symbols", reason: "a \(descriptor.type) strategy trades \(count) symbol(s), got \(symbols.count)")
        }
        guard Set(symbols).count == symbols.count else { throw .invalid(field: "body.symbols", reason: "names a symbol twice") }
        var specs: [SymbolSpec] = []
        for symbol in symbols {
            guard let spec = market?.spec(of: symbol) else { throw .unknownSymbol(symbol.orderForm) }
            specs.append(spec)
        }
        let quotes = Set(specs.map { TradingPair.assets(of: $0).quote })
        guard quotes.count == 1, let quote = quotes.first else {
            throw .invalid(field: "body.symbols", reason: "must all be priced in one currency, got \(quotes.sorted().joined(separator: ", "))")
        }
        let checked = try Self.check(config ?? .object([]), schema: descriptor.schema, over: nil)
        do {
            _ = try type.init(config: checked, symbols: specs)
        } catch {
            throw .invalid(field: "body.config", reason: error.message)
        }
        instances[id] = StrategyInstance(id: id, type: type, name: name, version: descriptor.version, specs: specs, quote: quote,
                                         config: checked, createdAt: time, updatedAt: time)
        changed.insert(id)
        return view(instances[id]!)
    }

    /// Deletes a stopped instance.
    public func delete(id: String, at time: Int) throws(StrategyCommandError) {
        guard let instance = instances[id] else { throw .notFound(id) }
        guard !instance.running else { throw .alreadyRunning(id) }
        instances[id] = nil
        changed.remove(id)
        removed.append(id)
    }

    /// Starts an instance: a new strategy from its configuration, warmed up on `history` (per
    /// symbol, the closed candles of its timeframe, oldest first), then told it started.
    public func start(id: String, history: [[Bar]], at time: Int) throws(StrategyCommandError) {
        guard var instance = instances[id] else { throw .notFound(id) }
        guard !instance.running else { throw .alreadyRunning(id) }
        let strategy: any Strategy
        do {
            strategy = try warmedUp(instance, history: history)
        } catch {
            throw .invalid(field: "body.config", reason: error.message)
        }
        instance.strategy = strategy
        instance.running = true
        instance.eventsAtStart = instance.specs.map { market?.eventCount(of: $0.key) ?? 0 }
        instance.lastSignal = nil
        instance.updatedAt = time
        instances[id] = instance
        subscribe()
        emit(id, .started, .object([JSONMember("timeframe", .string(instance.config.choice("timeframe")))]), at: time)
        decide(id, at: time) { strategy, context throws(StrategyError) in try strategy.started(context) }
    }

    /// Stops an instance: its open orders are cancelled; its positions stay.
    public func stop(id: String, at time: Int) throws(StrategyCommandError) {
        guard let instance = instances[id] else { throw .notFound(id) }
        guard instance.running else { throw .notRunning(id) }
        halt(id, at: time)
        emit(id, .stopped, .object([]), at: time)
    }

    /// A new configuration (merged over the current one), in effect from the next event.
    public func reconfigure(id: String, config: JSONValue, at time: Int) throws(StrategyCommandError) -> JSONValue {
        guard var instance = instances[id] else { throw .notFound(id) }
        let checked = try Self.check(config, schema: instance.type.descriptor.schema, over: instance.config)
        if var strategy = instance.strategy {
            do {
                try strategy.reconfigure(checked)
            } catch {
                throw .invalid(field: "body.config", reason: error.message)
            }
            instance.strategy = strategy
        } else {
            do {
                _ = try instance.type.init(config: checked, symbols: instance.specs)
            } catch {
                throw .invalid(field: "body.config", reason: error.message)
            }
        }
        let timeframeChanged = checked.choice("timeframe") != instance.config.choice("timeframe")
        instance.config = checked
        instance.updatedAt = time
        instances[id] = instance
        changed.insert(id)
        if timeframeChanged { subscribe() }
        emit(id, .configUpdated, .object([JSONMember("config", checked.json)]), at: time)
        return checked.json
    }

    static func check(_ json: JSONValue, schema: ConfigSchema, over base: StrategyConfig?) throws(StrategyCommandError) -> StrategyConfig {
        switch schema.validate(json, over: base) {
        case .success(let config): return config
        case .failure(let error): throw .invalid(field: error.field, reason: error.rule)
        }
    }

    /// A strategy of `instance`'s type and configuration, warmed up on `history`.
    func warmedUp(_ instance: StrategyInstance, history: [[Bar]]) throws(StrategyError) -> any Strategy {
        var strategy = try instance.type.init(config: instance.config, symbols: instance.specs)
        for (index, bars) in history.enumerated() where index < instance.specs.count {
            for bar in bars {
                var holdings = instance.specs.map { StrategyContext.Holding(spec: $0, price: 0) }
                holdings[index].price = bar.close
                _ = try strategy.candleClosed(bar, symbol: index, context: StrategyContext(
                    time: bar.start, holdings: holdings, freeQuote: 0, totalQuote: 0, isWarmUp: true))
            }
        }
        return strategy
    }

    /// Running instances by symbol again.
    func subscribe() {
        subscribers.removeAll()
        for (id, instance) in instances where instance.running {
            guard let interval = CandleInterval(rawValue: instance.config.choice("timeframe")) else { continue }
            for (index, spec) in instance.specs.enumerated() {
                subscribers[spec.key, default: []].append((id, index, interval))
            }
        }
    }

    /// Ends a run: open orders cancelled, the strategy dropped, its processed events kept.
    func halt(_ id: String, at time: Int) {
        guard var instance = instances[id] else { return }
        for (order, _) in instance.orders {
            _ = try? exchange.cancel(id: order.description, reason: "strategy \(id) stopped", at: time)
        }
        instance.retired.merge(instance.orders) { old, _ in old }
        hasRetired = hasRetired || !instance.orders.isEmpty
        instance.orders.removeAll()
        instance.processedBefore = processed(instance)
        instance.eventsAtStart = []
        instance.running = false
        instance.savedState = instance.strategy?.state ?? instance.savedState
        instance.strategy = nil
        instance.updatedAt = time
        instances[id] = instance
        changed.insert(id)
        subscribe()
    }

    // MARK: Events

    /// A candle of `symbol` closed: the running strategies on its interval decide.
    func candleClosed(symbol: SymbolKey, interval: CandleInterval, bar: Bar, at time: Int) {
        guard let list = subscribers[symbol] else { return }
        for entry in list where entry.interval == interval {
            decide(entry.id, at: time) { strategy, context throws(StrategyError) in
                try strategy.candleClosed(bar, symbol: entry.symbol, context: context)
            }
        }
    }

    /// Hands the fills of strategies' orders to their strategies, and what those ask for to
    /// the exchange, until no fill is left (bounded, should strategies answer fills with
    /// orders that fill at once forever).
    func processFills(at time: Int) {
        var rounds = 0
        while exchange.hasStrategyFills, rounds < 100 {
            rounds += 1
            for (strategyID, fill, done) in exchange.takeStrategyFills() {
                // A decision drops orders no longer working (a filled one whose fill is still queued
                // included) into `retired`, where their fills find them.
                guard var instance = instances[strategyID],
                      let owner = instance.orders[fill.order] ?? instance.retired[fill.order] else { continue }
                let spec = instance.specs[owner.symbol]
                let scales = exchange.scales
                let notional = StrategyContext.value(ticks: fill.price, spec) * Double(fill.quantity) / UnitScale.power(spec.quantities.digits)
                let fee = Double(fill.fee) / UnitScale.power(scales.digits(of: instance.quote))
                instance.cash += fill.side == .buy ? -(notional + fee) : notional - fee
                if done {
                    instance.orders[fill.order] = nil
                    instance.retired[fill.order] = nil
                    instance.ordersFilled += 1
                }
                instances[strategyID] = instance
                changed.insert(strategyID)
                emit(strategyID, .orderFilled, .object([
                    JSONMember("order_id", .string(fill.orderID)), JSONMember("symbol", .string(spec.key.orderForm)),
                    JSONMember("side", .string(fill.side.rawValue)),
                    JSONMember("quantity", .string(spec.quantities.decimal(fill.quantity).description)),
                    JSONMember("price", .string(spec.prices.decimal(fill.price).description)),
                    JSONMember("order_done", .bool(done)),
                ]), at: time)
                guard instance.running else { continue }
                let strategyFill = StrategyFill(symbol: owner.symbol, side: fill.side, quantity: fill.quantity, price: fill.price,
                                                tag: owner.tag, orderDone: done)
                decide(strategyID, at: time) { strategy, context throws(StrategyError) in try strategy.filled(strategyFill, context: context) }
            }
        }
        // Every queued fill has been handed out: no retired order will fill again.
        guard hasRetired, !exchange.hasStrategyFills else { return }
        for id in instances.keys where instances[id]?.retired.isEmpty == false { instances[id]?.retired.removeAll() }
        hasRetired = false
    }

    /// Runs one decision of a running strategy and carries out what it asks for; a strategy
    /// that throws is stopped and reported.
    func decide(_ id: String, at time: Int,
                _ body: (inout any Strategy, StrategyContext) throws(StrategyError) -> [StrategyIntent]) {
        guard var instance = instances[id], instance.running, var strategy = instance.strategy else { return }
        let context = self.context(&instance, at: time)
        // The day's loss counts from the day's first decision.
        let day = time / 86_400_000
        if day != instance.day {
            instance.day = day
            instance.dayStartEquity = Self.equity(instance, context)
        }
        instances[id] = instance
        let intents: [StrategyIntent]
        do {
            intents = try body(&strategy, context)
        } catch {
            fail(id, error.message, at: time)
            return
        }
        instances[id]?.strategy = strategy
        changed.insert(id)
        for intent in intents {
            guard instances[id]?.running == true else { return }
            carryOut(intent, of: id, context: context, at: time)
        }
    }

    /// What the strategy sees now; drops from its open orders those no longer working.
    func context(_ instance: inout StrategyInstance, at time: Int) -> StrategyContext {
        var holdings: [StrategyContext.Holding] = []
        for (index, spec) in instance.specs.enumerated() {
            let position = exchange.position(PositionKey(exchange: PositionKey.spot, symbol: spec.key, strategyID: instance.id))
            var holding = StrategyContext.Holding(spec: spec, price: market?.lastPrice(of: spec.key) ?? 0,
                                                  position: position?.quantity ?? 0)
            if let entry = position?.entryPrice { holding.entryPrice = Double(entry.numerator) / Double(entry.denominator) }
            for (order, owner) in instance.orders where owner.symbol == index {
                guard let active = exchange.activeOrder(order) else {
                    instance.orders[order] = nil
                    instance.retired[order] = owner
                    hasRetired = true
                    continue
                }
                holding.openOrders.append(StrategyContext.OpenOrder(side: active.side, limit: active.kind == .limit ? active.price : nil,
                                                                    remaining: active.remaining, tag: owner.tag))
            }
            holding.openOrders.sort { ($0.tag, $0.limit ?? 0) < ($1.tag, $1.limit ?? 0) }
            holdings.append(holding)
        }
        let balance = exchange.balance(instance.quote) ?? AssetBalance()
        let scale = UnitScale.power(exchange.scales.digits(of: instance.quote))
        return StrategyContext(time: time, holdings: holdings, freeQuote: Double(balance.free) / scale,
                               totalQuote: Double(balance.total) / scale)
    }

    /// Stops a strategy that failed: its orders cancelled, an `error` event, an error record.
    func fail(_ id: String, _ message: String, at time: Int) {
        guard let instance = instances[id] else { return }
        halt(id, at: time)
        emit(id, .error, .object([JSONMember("message", .string(message))]), at: time)
        record(severity: "error", "Strategy '\(id)' (\(instance.type.descriptor.type)) failed and was stopped: \(message)", strategy: id,
               at: time)
    }

    func emit(_ id: String, _ kind: StrategyEvent.Kind, _ data: JSONValue, at time: Int) {
        guard let instance = instances[id] else { return }
        events.append(StrategyEvent(strategyID: id, name: instance.name, running: instance.running, kind: kind, data: data, time: time))
    }

    /// An error record about a strategy: `category` is `strategy`, or `exchange` when the
    /// exchange refused one of its orders.
    func record(severity: String, _ message: String, strategy id: String, category: String = "strategy", at time: Int) {
        errors.append(ErrorLogRecord(id: identifiers.next().description, severity: severity, category: category, message: message,
                                     details: JSONValue.object([JSONMember("strategy_id", .string(id))]).text, createdAt: time))
    }
}
