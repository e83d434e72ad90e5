import Backends
import Primitives

/// The instances as stored rows, and back after a restart.
extension StrategyHost {
    /// Adds what changed since the last call to `changes`: the rows of changed instances, the
    /// ids of deleted ones, the errors and the events.
    public func takeChanges(into changes: inout ExchangeChanges) {
        for id in changed.sorted() {
            guard let instance = instances[id] else { continue }
            changes.strategies.append(record(instance))
        }
        changes.removedStrategies += removed
        changes.errors += errors
        changes.strategyEvents += events
        changed.removeAll(keepingCapacity: true)
        removed.removeAll(keepingCapacity: true)
        errors.removeAll(keepingCapacity: true)
        events.removeAll(keepingCapacity: true)
    }

    /// The stored row of an instance. Its state holds the strategy's own state, its open
    /// orders with their tags, its cash and the day's starting equity.
    func record(_ instance: StrategyInstance) -> StrategyRecord {
        let orders = instance.orders.sorted { $0.key.description < $1.key.description }.map { order, owner in
            JSONValue.array([.string(order.description), .number(String(owner.tag)), .number(String(owner.symbol))])
        }
        let state = JSONValue.object([
            JSONMember("strategy", instance.strategy?.state ?? instance.savedState ?? .null),
            JSONMember("orders", .array(orders)),
            JSONMember("cash", .number(Self.number(instance.cash))),
            JSONMember("day", .number(String(instance.day))),
            JSONMember("day_start_equity", .number(Self.number(instance.dayStartEquity))),
            JSONMember("last_signal", instance.lastSignal.map { .string($0) } ?? .null),
        ])
        return StrategyRecord(
            id: instance.id, type: instance.type.descriptor.type, name: instance.name, version: instance.version,
            symbols: instance.specs.map(\.key.orderForm), config: instance.config.json.text, running: instance.running,
            signalsGenerated: instance.signalsGenerated, ordersSubmitted: instance.ordersSubmitted, ordersFilled: instance.ordersFilled,
            marketDataProcessed: processed(instance), state: state.text, createdAt: instance.createdAt, updatedAt: instance.updatedAt)
    }

    static func number(_ value: Double) -> String { value.isFinite ? String(value) : "0" }

    /// Takes back the stored instances after a restart. A running one resumes: its strategy
    /// made again, warmed up on `history` (per symbol, oldest first), given back its state
    /// and told it started, so that it places only what it lacks. An instance that cannot
    /// come back (a type or symbol no longer known, a state it cannot read) stays stopped,
    /// reported. Returns how many resumed.
    @discardableResult
    public func restore(_ records: [StrategyRecord], history: (StrategyRecord) -> [[Bar]], at time: Int) -> Int {
        var resumed = 0
        for record in records {
            guard let type = types.first(where: { $0.descriptor.type == record.type }) else {
                errors.append(ErrorLogRecord(id: identifiers.next().description, severity: "error", category: "strategy",
                                             message: "Strategy '\(record.id)' has an unknown type \(record.type); not loaded",
                                             createdAt: time))
                continue
            }
            let specs = record.symbols.compactMap { SymbolKey($0).flatMap { market?.spec(of: $0) } }
            let config = (try? JSONParser.parse(record.config)).flatMap { try? type.descriptor.schema.validate($0).get() }
            guard specs.count == record.symbols.count, let config else {
                errors.append(ErrorLogRecord(id: identifiers.next().description, severity: "error", category: "strategy",
                                             message: "Strategy '\(record.id)' names a symbol or setting this server lacks; not loaded",
                                             createdAt: time))
                continue
            }
            var instance = StrategyInstance(
                id: record.id, type: type, name: record.name, version: record.version, specs: specs,
                quote: TradingPair.assets(of: specs[0]).quote, config: config, createdAt: record.createdAt, updatedAt: record.updatedAt)
            instance.signalsGenerated = record.signalsGenerated
            instance.ordersSubmitted = record.ordersSubmitted
            instance.ordersFilled = record.ordersFilled
            instance.processedBefore = record.marketDataProcessed
            let state = (try? JSONParser.parse(record.state)) ?? .object([])
            let savedOrders: [JSONValue]
            if case .array(let list) = state["orders"] ?? .null { savedOrders = list } else { savedOrders = [] }
            for case .array(let items) in savedOrders {
                guard items.count == 3, case .string(let order) = items[0], let tag = items[1].integer, let symbol = items[2].integer,
                      specs.indices.contains(symbol) else { continue }
                instance.orders[Identifier(order)] = (tag, symbol)
            }
            if case .number(let text) = state["cash"] ?? .null { instance.cash = Double(text) ?? 0 }
            instance.day = state["day"]?.integer ?? -1
            if case .number(let text) = state["day_start_equity"] ?? .null { instance.dayStartEquity = Double(text) ?? 0 }
            if case .string(let text) = state["last_signal"] ?? .null { instance.lastSignal = text }
            if let saved = state["strategy"], saved != .null { instance.savedState = saved }
            instances[record.id] = instance
            guard record.running else { continue }
            do {
                var strategy = try warmedUp(instance, history: history(record))
                if let saved = state["strategy"], saved != .null { try strategy.restore(state: saved) }
                instances[record.id]?.strategy = strategy
                instances[record.id]?.running = true
                instances[record.id]?.eventsAtStart = specs.map { market?.eventCount(of: $0.key) ?? 0 }
                resumed += 1
            } catch {
                instances[record.id]?.running = false
                changed.insert(record.id)
                errors.append(ErrorLogRecord(id: identifiers.next().description, severity: "error", category: "strategy",
                                             message: "Strategy '\(record.id)' could not resume and was stopped: \(error.message)",
                                             createdAt: time))
            }
        }
        subscribe()
        for id in instances.keys.sorted() where instances[id]!.running {
            decide(id, at: time) { strategy, context throws(StrategyError) in try strategy.started(context) }
        }
        return resumed
    }
}
