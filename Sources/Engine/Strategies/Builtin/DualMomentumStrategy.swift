import Primitives

/// Dual Momentum (Antonacci) over 2 to 20 symbols priced in one quote asset. Once a period,
/// when the candles of every symbol with the same start have closed, it takes each symbol's
/// return over `lookback` periods: return = close now / close `lookback` periods ago − 1.
/// Relative momentum picks the symbol with the highest return (the first listed on a tie);
/// absolute momentum holds it only if that return is above 0, otherwise everything is sold
/// and the capital waits in cash.
///
/// The held symbol's target is the whole capital (capital_pct % of the quote asset's total
/// balance plus the strategy's positions at the last prices), every other symbol's 0.
/// Rebalancing sells first (market, Exit: a symbol no longer held is sold whole), then buys
/// (market, Entry); tags are the symbol's index. The held symbol is topped up or trimmed only
/// when it is `rebalance_threshold_pct` % of the capital or more away from its target. No
/// decision before `lookback` + 1 complete periods.
public struct DualMomentumStrategy: Strategy {
    public static let descriptor = StrategyDescriptor(
        type: "dual_momentum", name: "Dual Momentum",
        description: "Holds the symbol with the highest return over the lookback while that return is above 0; all cash otherwise.",
        schema: ConfigSchema([
            .integer("lookback", 12, min: 2, max: 500, "Periods (candles of the timeframe) the returns are measured over."),
        ] + Allocation.fields),
        symbols: Allocation.symbols)

    private var lookback: Int
    private var allocation: Allocation

    public init(config: StrategyConfig, symbols: [SymbolSpec]) throws(StrategyError) {
        lookback = config.integer("lookback")
        allocation = try Allocation(config: config, symbols: symbols, depth: lookback + 1)
    }

    /// A new lookback keeps the closes already seen (as many as it needs).
    public mutating func reconfigure(_ config: StrategyConfig) throws(StrategyError) {
        lookback = config.integer("lookback")
        allocation.reconfigure(config, depth: lookback + 1)
    }

    public mutating func candleClosed(_ bar: Bar, symbol: Int, context: StrategyContext) throws(StrategyError) -> [StrategyIntent] {
        guard let period = try allocation.record(bar, symbol: symbol, context: context) else { return [] }
        var returns: [Double] = []
        for index in 0..<allocation.count {
            guard let value = allocation.closes.periodReturn(index, over: lookback) else { return [] }
            returns.append(value)
        }
        guard let best = returns.indices.max(by: { returns[$0] < returns[$1] }),
              let valuation = try allocation.valuation(context) else { return [] }
        let decision: String
        var weights = Array(repeating: 0.0, count: allocation.count)
        if returns[best] > 0 {
            weights[best] = 1
            decision = "\(allocation.name(best)) \(lookback)-period return \(Allocation.percent(returns[best])) is the highest"
        } else {
            decision = "best \(lookback)-period return \(Allocation.percent(returns[best])) (\(allocation.name(best))) is not above 0: cash"
        }
        return allocation.rebalance(to: weights, period: period, because: decision, valuation: valuation, context: context)
    }

    /// `targets` (1 for the symbol held), `last_period`, `last_signal`.
    public var state: JSONValue { allocation.state }

    public mutating func restore(state: JSONValue) throws(StrategyError) {
        try allocation.restore(state: state)
    }
}
