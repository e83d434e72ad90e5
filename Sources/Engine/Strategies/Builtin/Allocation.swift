import Primitives

/// What the allocation strategies (dual momentum, all weather, HAA) share: the closes of their
/// symbols by complete period, the capital they manage, the orders that move the positions to
/// target weights, and their decision state (the weights last decided, the last period decided,
/// the last signal).
///
/// Capital = capital_pct % × (total quote balance + Σ value of the strategy's positions at the
/// last prices); a symbol's target value is its weight × capital. Rebalancing trades each
/// symbol's difference (target − current value): sells first (market, Exit, never more than
/// the position), then buys (market, Entry), each tagged with the symbol's index. A symbol
/// whose weight is 0 is sold whole; other differences under `rebalance_threshold_pct` % of the
/// capital (unless every difference is asked for) and orders under one lot are skipped.
/// Orders of a previous rebalance still open are cancelled first.
struct Allocation: Sendable {
    /// The settings every allocation type has.
    static let fields: [ConfigField] = [
        .number("capital_pct", 30, min: 1, max: 100,
                "The capital the strategy manages: this share of the quote asset's total balance plus the value of the strategy's positions at the last prices."),
        .number("rebalance_threshold_pct", 5, min: 0.5, max: 100,
                "A symbol's difference from its target value is traded only when it is at least this share of the capital; a symbol whose target is 0 is always sold whole."),
    ]

    /// How many symbols an allocation strategy trades.
    static let symbols = 2...20

    /// The symbols' names (`BTC-USDT`), for reasons.
    private let names: [String]
    private(set) var closes: PeriodCloses
    /// The candles' interval: closes of another one do not mix with these.
    private var timeframe: String
    private var capitalPct: Double
    private(set) var thresholdPct: Double
    /// The weights decided for the last period (0 for every symbol before the first).
    private(set) var targets: [Double]
    /// The start of the last period decided.
    private(set) var lastPeriod: Int?
    private(set) var lastSignal: String?

    /// The shared part of a strategy trading `symbols`, keeping `depth` periods of closes.
    init(config: StrategyConfig, symbols: [SymbolSpec], depth: Int) throws(StrategyError) {
        guard Self.symbols.contains(symbols.count) else {
            throw StrategyError("an allocation strategy trades \(Self.symbols.lowerBound) to \(Self.symbols.upperBound) symbols, got \(symbols.count)")
        }
        names = symbols.map(\.key.marketForm)
        closes = PeriodCloses(symbols: symbols.count, depth: depth)
        timeframe = config.choice("timeframe")
        capitalPct = config.number("capital_pct")
        thresholdPct = config.number("rebalance_threshold_pct")
        targets = Array(repeating: 0, count: symbols.count)
    }

    var count: Int { names.count }

    func name(_ symbol: Int) -> String { names[symbol] }

    /// Takes the capital and threshold of `config` and keeps `depth` periods of closes (the
    /// newest stay; none when the timeframe changed); targets and the last period decided stay.
    mutating func reconfigure(_ config: StrategyConfig, depth: Int) {
        capitalPct = config.number("capital_pct")
        thresholdPct = config.number("rebalance_threshold_pct")
        if config.choice("timeframe") != timeframe {
            timeframe = config.choice("timeframe")
            closes = PeriodCloses(symbols: names.count, depth: depth)
        } else {
            closes.resize(depth: depth)
        }
    }

    /// Records a closed candle (warm-up ones too); returns the period to decide on when the
    /// candle completes a period not decided yet and the strategy is live.
    mutating func record(_ bar: Bar, symbol: Int, context: StrategyContext) throws(StrategyError) -> Int? {
        guard names.indices.contains(symbol) else {
            throw StrategyError("a candle of symbol \(symbol); the strategy trades \(names.count) symbols")
        }
        guard let period = closes.record(start: bar.start, close: bar.close, symbol: symbol), !context.isWarmUp,
              lastPeriod.map({ period > $0 }) ?? true else { return nil }
        return period
    }

    /// The capital and what the strategy holds of it.
    struct Valuation {
        /// In the quote currency.
        let capital: Double
        /// Each symbol's position value at the last price, as a share of the capital.
        let shares: [Double]
    }

    /// The capital and each symbol's share of it; nil when they cannot be known (a price of
    /// zero, a balance that is not a positive finite number): no decision then.
    func valuation(_ context: StrategyContext) throws(StrategyError) -> Valuation? {
        guard context.holdings.count == names.count else {
            throw StrategyError("the context holds \(context.holdings.count) symbols; the strategy trades \(names.count)")
        }
        var values: [Double] = []
        for index in names.indices {
            guard context.holdings[index].price > 0 else { return nil }
            values.append(context.position(index) * context.price(index))
        }
        let capital = capitalPct / 100 * (context.totalQuote + values.reduce(0, +))
        guard capital.isFinite, capital > 0 else { return nil }
        return Valuation(capital: capital, shares: values.map { $0 / capital })
    }

    /// Records `weights` as the decision of `period`, with no orders.
    mutating func hold(_ weights: [Double], period: Int) {
        targets = weights
        lastPeriod = period
    }

    /// Records `weights` as the decision of `period` and returns the orders that bring every
    /// symbol to them: differences under the threshold skipped unless `everyDifference`.
    /// `decision` starts each order's reason (`ETH-USDT 12-period return 8.00% is the highest`).
    mutating func rebalance(to weights: [Double], period: Int, because decision: String, valuation: Valuation,
                            context: StrategyContext, everyDifference: Bool = false) -> [StrategyIntent] {
        hold(weights, period: period)
        let minimum = everyDifference ? 0 : thresholdPct / 100
        var cancels: [StrategyIntent] = [], sells: [StrategyIntent] = [], buys: [StrategyIntent] = []
        for index in names.indices {
            let holding = context.holdings[index]
            if !holding.openOrders.isEmpty { cancels.append(.cancel(symbol: index, tag: nil)) }
            let difference = weights[index] - valuation.shares[index]
            let reason = "\(decision): \(names[index]) \(Self.percent(valuation.shares[index])) → \(Self.percent(weights[index]))"
            if difference < 0, holding.position > 0 {
                let quantity: Int64
                if weights[index] == 0 {
                    quantity = holding.position
                } else if -difference >= minimum {
                    quantity = min(holding.position, context.lots(index, quote: -difference * valuation.capital) ?? 0)
                } else {
                    quantity = 0
                }
                guard quantity > 0 else { continue }
                sells.append(.order(Signal(symbol: index, kind: .exit, side: .sell, quantity: quantity, tag: index, reason: reason)))
            } else if difference > 0, difference >= minimum, let quantity = context.lots(index, quote: difference * valuation.capital) {
                buys.append(.order(Signal(symbol: index, kind: .entry, side: .buy, quantity: quantity, tag: index, reason: reason)))
            }
        }
        if case .order(let signal)? = buys.last ?? sells.last { lastSignal = signal.reason }
        return cancels + sells + buys
    }

    /// The decision state: `targets` (a weight a symbol), `last_period` (epoch ms or null),
    /// `last_signal`.
    var state: JSONValue {
        .object([
            JSONMember("targets", .array(targets.map { .number(String($0)) })),
            JSONMember("last_period", lastPeriod.map { .number(String($0)) } ?? .null),
            JSONMember("last_signal", lastSignal.map { .string($0) } ?? .null),
        ])
    }

    /// Takes back a `state`; refuses anything else (another shape, weights outside 0...1, a
    /// count that is not the symbols').
    mutating func restore(state: JSONValue) throws(StrategyError) {
        guard case .object(let members) = state else { throw StrategyError("state must be an object, got \(state.kindName)") }
        if let unknown = members.first(where: { !["targets", "last_period", "last_signal"].contains($0.key) }) {
            throw StrategyError("state has an unknown member \(unknown.key)")
        }
        guard case .array(let items)? = state["targets"], items.count == names.count else {
            throw StrategyError("state.targets must be an array of \(names.count) weights")
        }
        var weights: [Double] = []
        for item in items {
            guard case .number(let text) = item, let weight = Double(text), (0...1).contains(weight) else {
                let got = if case .number(let text) = item { text } else { item.kindName }
                throw StrategyError("state.targets must hold weights from 0 to 1, got \(got)")
            }
            weights.append(weight)
        }
        let period: Int?
        switch state["last_period"] {
        case .null?: period = nil
        case let value? where value.integer != nil: period = value.integer
        default: throw StrategyError("state.last_period must be a candle start (epoch ms) or null")
        }
        let signal: String?
        switch state["last_signal"] {
        case .null?: signal = nil
        case .string(let text)?: signal = text
        default: throw StrategyError("state.last_signal must be a string or null")
        }
        targets = weights
        lastPeriod = period
        lastSignal = signal
    }

    /// `fraction` as a percentage with two decimals (`0.1234` → `12.34%`).
    static func percent(_ fraction: Double) -> String { ReasonText.number(fraction * 100) + "%" }
}
