import Primitives

/// HAA, Hybrid Asset Allocation (Keller), over 2 to 20 symbols priced in one quote asset, one
/// of them (`canary`, an index into the symbols) a canary that is watched, never held.
///
/// Once a period, when the candles of every symbol with the same start have closed, it takes
/// each symbol's 13612U momentum: the average of its 1-, 3-, 6- and 12-period returns,
/// (r1 + r3 + r6 + r12) / 4 with rn = close now / close n periods ago − 1 (13 complete
/// periods needed). Canary momentum below 0 → defensive: everything is sold, all cash.
/// Otherwise the `top_n` other symbols with the highest momentum (the first listed on a tie)
/// each get weight 1 / top_n when their momentum is above 0; a slot whose symbol's momentum
/// is 0 or less, or that no symbol is left for, stays cash.
///
/// Targets are weights of the capital (capital_pct % of the quote asset's total balance plus
/// the strategy's positions at the last prices). Rebalancing sells first (market, Exit: a
/// symbol no longer held is sold whole), then buys (market, Entry); tags are the symbol's
/// index; a held symbol is topped up or trimmed only when it is `rebalance_threshold_pct` %
/// of the capital or more away from its target.
public struct HAAStrategy: Strategy {
    public static let descriptor = StrategyDescriptor(
        type: "haa", name: "HAA",
        description: "Hybrid Asset Allocation: cash when the canary's 13612U momentum is below 0, else the top symbols by momentum.",
        schema: ConfigSchema([
            .integer("canary", 0, min: 0, max: 19, "Index of the canary symbol (watched, never held); less than the number of symbols."),
            .integer("top_n", 2, min: 1, max: 10, "How many symbols other than the canary are held, each with 1 / top_n of the capital."),
        ] + Allocation.fields),
        symbols: Allocation.symbols)

    /// The periods of the returns 13612U averages.
    private static let horizons = [1, 3, 6, 12]
    /// Closes kept: the 12-period return needs 13.
    private static let depth = 13

    private var canary: Int
    private var topCount: Int
    private var allocation: Allocation

    public init(config: StrategyConfig, symbols: [SymbolSpec]) throws(StrategyError) {
        allocation = try Allocation(config: config, symbols: symbols, depth: Self.depth)
        (canary, topCount) = try Self.settings(config, symbols: symbols.count)
    }

    public mutating func reconfigure(_ config: StrategyConfig) throws(StrategyError) {
        (canary, topCount) = try Self.settings(config, symbols: allocation.count)
        allocation.reconfigure(config, depth: Self.depth)
    }

    private static func settings(_ config: StrategyConfig, symbols: Int) throws(StrategyError) -> (canary: Int, topCount: Int) {
        let canary = config.integer("canary")
        guard canary < symbols else {
            throw StrategyError("canary (\(canary)) must be less than the number of symbols (\(symbols))")
        }
        return (canary, config.integer("top_n"))
    }

    public mutating func candleClosed(_ bar: Bar, symbol: Int, context: StrategyContext) throws(StrategyError) -> [StrategyIntent] {
        guard let period = try allocation.record(bar, symbol: symbol, context: context) else { return [] }
        var momentum: [Double] = []
        for index in 0..<allocation.count {
            var sum = 0.0
            for horizon in Self.horizons {
                guard let value = allocation.closes.periodReturn(index, over: horizon) else { return [] }
                sum += value
            }
            momentum.append(sum / Double(Self.horizons.count))
        }
        guard let valuation = try allocation.valuation(context) else { return [] }
        let canaryText = "canary \(allocation.name(canary)) momentum \(Allocation.percent(momentum[canary]))"
        var weights = Array(repeating: 0.0, count: allocation.count)
        let decision: String
        if momentum[canary] < 0 {
            decision = "\(canaryText) below 0: cash"
        } else {
            let top = (0..<allocation.count).filter { $0 != canary }
                .sorted { momentum[$0] > momentum[$1] || (momentum[$0] == momentum[$1] && $0 < $1) }.prefix(topCount)
            for index in top where momentum[index] > 0 { weights[index] = 1 / Double(topCount) }
            let ranked = top.map { "\(allocation.name($0)) \(Allocation.percent(momentum[$0]))" }.joined(separator: ", ")
            decision = "\(canaryText); top \(topCount): \(ranked)"
        }
        return allocation.rebalance(to: weights, period: period, because: decision, valuation: valuation, context: context)
    }

    /// `targets` (1 / top_n for each symbol held), `last_period`, `last_signal`.
    public var state: JSONValue { allocation.state }

    public mutating func restore(state: JSONValue) throws(StrategyError) {
        try allocation.restore(state: state)
    }
}
