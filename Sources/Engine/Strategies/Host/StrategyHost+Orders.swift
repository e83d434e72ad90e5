import Primitives

/// From intent to order: the checks every signal passes, then the exchange.
extension StrategyHost {
    /// Carries out one intent of a running strategy. An order that cannot be (a symbol it
    /// lacks, no quantity, a price of nothing) is the strategy's failure; one the risk limits
    /// or the exchange refuse is a refused signal, recorded with its reason.
    func carryOut(_ intent: StrategyIntent, of id: String, context: StrategyContext, at time: Int) {
        guard var instance = instances[id] else { return }
        switch intent {
        case .cancel(let symbol, let tag):
            guard instance.specs.indices.contains(symbol) else {
                return fail(id, "asked to cancel orders of symbol \(symbol), it trades \(instance.specs.count)", at: time)
            }
            for (order, owner) in instance.orders where owner.symbol == symbol && (tag == nil || owner.tag == tag) {
                _ = try? exchange.cancel(id: order.description, reason: "cancelled by strategy \(id)", at: time)
                instance.orders[order] = nil
            }
            instances[id] = instance
        case .order(let signal):
            if let problem = Self.impossibility(of: signal, symbols: instance.specs.count) {
                return fail(id, "an impossible order: \(problem)", at: time)
            }
            instance.signalsGenerated += 1
            instance.lastSignal = signal.reason
            let spec = instance.specs[signal.symbol]
            var data = Self.data(of: signal, spec)
            let refusal = riskRefusal(signal, instance: instance, context: context)
            instances[id] = instance
            guard refusal == nil else {
                data.append(JSONMember("accepted", .bool(false)))
                data.append(JSONMember("refusal", .string(refusal!)))
                emit(id, .signalGenerated, .object(data), at: time)
                record(severity: "warning", "Strategy '\(id)' signal refused: \(refusal!) (\(signal.reason))", strategy: id, at: time)
                return
            }
            let request = OrderRequest(
                symbol: spec.key, side: signal.side, kind: signal.limit != nil ? .limit : (signal.stop != nil ? .stopLoss : .market),
                quantity: signal.quantity, price: signal.limit ?? signal.stop,
                timeInForce: signal.limit == nil && signal.stop == nil ? .ioc : .gtc, strategyID: id)
            let order: ExchangeOrder
            do {
                order = try exchange.place(request, at: time)
            } catch {
                data.append(JSONMember("accepted", .bool(false)))
                data.append(JSONMember("refusal", .string("\(error)")))
                emit(id, .signalGenerated, .object(data), at: time)
                record(severity: "warning", "Strategy '\(id)' signal refused by the exchange: \(error) (\(signal.reason))", strategy: id,
                       category: "exchange", at: time)
                return
            }
            data.append(JSONMember("accepted", .bool(true)))
            emit(id, .signalGenerated, .object(data), at: time)
            instance = instances[id]!
            instance.ordersSubmitted += 1
            // Its fills (a market order fills at once) come back through `processFills`.
            instance.orders[order.terms.identifier] = (signal.tag, signal.symbol)
            instances[id] = instance
            emit(id, .orderSubmitted, .object([
                JSONMember("order_id", .string(order.id)), JSONMember("symbol", .string(spec.key.orderForm)),
                JSONMember("side", .string(order.side.rawValue)), JSONMember("order_type", .string(order.kind.rawValue)),
                JSONMember("quantity", .string(spec.quantities.decimal(order.quantity).description)),
                JSONMember("price", order.price.map { .string(spec.prices.decimal($0).description) } ?? .null),
                JSONMember("status", .string(order.status.rawValue)),
            ]), at: time)
        }
    }

    /// Why `signal` cannot be an order at all, or nil.
    static func impossibility(of signal: Signal, symbols: Int) -> String? {
        if !(0..<symbols).contains(signal.symbol) { return "symbol \(signal.symbol) of \(symbols)" }
        if signal.quantity <= 0 { return "a quantity of \(signal.quantity) lots" }
        if let limit = signal.limit, limit <= 0 { return "a limit of \(limit) ticks" }
        if let stop = signal.stop, stop <= 0 { return "a stop of \(stop) ticks" }
        if signal.limit != nil, signal.stop != nil { return "both a limit and a stop" }
        return nil
    }

    /// The signal as `signal_generated` shows it: document A's `signal_type` and `side`, then
    /// what the order would be and why.
    static func data(of signal: Signal, _ spec: SymbolSpec) -> [JSONMember] {
        var data = [
            JSONMember("signal_type", .string(signal.kind.rawValue)), JSONMember("side", .string(signal.side.rawValue)),
            JSONMember("symbol", .string(spec.key.orderForm)),
            JSONMember("quantity", .string(spec.quantities.decimal(signal.quantity).description)),
        ]
        if let limit = signal.limit { data.append(JSONMember("price", .string(spec.prices.decimal(limit).description))) }
        if let stop = signal.stop { data.append(JSONMember("stop", .string(spec.prices.decimal(stop).description))) }
        data.append(JSONMember("reason", .string(signal.reason)))
        return data
    }

    /// Why the strategy's risk limits refuse `signal`, or nil: its open orders at the
    /// maximum; a buy that would take its positions (at cost) past `max_position_pct` of the
    /// quote's total; a buy after the day's loss passed `daily_loss_limit_pct` of it.
    func riskRefusal(_ signal: Signal, instance: StrategyInstance, context: StrategyContext) -> String? {
        let config = instance.config
        // The instance's orders, not the context's: they include those placed earlier in this
        // decision (a grid placing all its levels at once is held to the limit too).
        let open = instance.orders.count
        let maximum = config.integer("max_open_orders")
        if open >= maximum { return "\(open) open orders, the most max_open_orders allows (\(maximum))" }
        guard signal.side == .buy else { return nil }
        let holding = context.holdings[signal.symbol]
        let price = StrategyContext.value(ticks: signal.limit ?? signal.stop ?? holding.price, holding.spec)
        let value = price * Double(signal.quantity) / UnitScale.power(holding.spec.quantities.digits)
        let cost = context.holdings.reduce(0.0) { total, holding in
            total + Double(holding.position) / UnitScale.power(holding.spec.quantities.digits)
                * (holding.entryPrice ?? 0) / UnitScale.power(holding.spec.prices.digits)
        }
        let cap = config.number("max_position_pct") / 100 * context.totalQuote
        if cost + value > cap {
            return "positions at cost would be \(ReasonText.number(cost + value)) \(instance.quote), over max_position_pct "
                + "\(ConfigValue.number(config.number("max_position_pct")).text)% of \(ReasonText.number(context.totalQuote))"
        }
        let loss = instance.dayStartEquity - Self.equity(instance, context)
        let limit = config.number("daily_loss_limit_pct") / 100 * context.totalQuote
        if loss > limit {
            return "lost \(ReasonText.number(loss)) \(instance.quote) today, over daily_loss_limit_pct "
                + "\(ConfigValue.number(config.number("daily_loss_limit_pct")).text)% (\(ReasonText.number(limit)))"
        }
        return nil
    }

    /// What the strategy's trading is worth: the cash its fills moved and its positions at the
    /// last prices.
    static func equity(_ instance: StrategyInstance, _ context: StrategyContext) -> Double {
        context.holdings.reduce(instance.cash) { total, holding in
            total + Double(holding.position) / UnitScale.power(holding.spec.quantities.digits)
                * StrategyContext.value(ticks: holding.price, holding.spec)
        }
    }
}
