import Primitives

/// All Weather: fixed-weight rebalancing over 2 to 20 symbols priced in one quote asset.
/// Symbol i's weight is `weights[i]` (the last weight repeats for symbols beyond the list),
/// normalised so the weights sum to 1: `[2, 1]` over three symbols is 40 %, 30 %, 30 %.
///
/// Once a period, when the candles of every symbol with the same start have closed, it
/// compares each symbol's share of the capital (capital_pct % of the quote asset's total
/// balance plus the strategy's positions at the last prices) with its weight. On the first
/// period, and whenever some symbol's share is more than `rebalance_threshold_pct`
/// percentage points away from its weight, it rebalances every symbol back to its weight
/// (the band triggers the rebalance; then each difference of at least one lot is traded, as
/// a threshold rebalancer does). Sells first (market, Exit: a weight of 0 sells the symbol
/// whole), then buys (market, Entry); tags are the symbol's index.
public struct AllWeatherStrategy: Strategy {
    public static let descriptor = StrategyDescriptor(
        type: "all_weather", name: "All Weather",
        description: "Holds fixed weights of its symbols; rebalances on the first period and when a weight drifts past the threshold.",
        schema: ConfigSchema([
            .numbers("weights", [1], min: 0, max: 100,
                     "Weight of each symbol in the order of the symbols, normalised to sum 1; the last weight repeats for symbols beyond the list."),
        ] + Allocation.fields),
        symbols: Allocation.symbols)

    private var weights: [Double]
    private var allocation: Allocation

    public init(config: StrategyConfig, symbols: [SymbolSpec]) throws(StrategyError) {
        allocation = try Allocation(config: config, symbols: symbols, depth: 1)
        weights = try Self.weights(config, symbols: symbols.count)
    }

    /// New weights are compared with the holdings at the next period.
    public mutating func reconfigure(_ config: StrategyConfig) throws(StrategyError) {
        weights = try Self.weights(config, symbols: allocation.count)
        allocation.reconfigure(config, depth: 1)
    }

    /// The normalised weight of each of `symbols` symbols.
    private static func weights(_ config: StrategyConfig, symbols: Int) throws(StrategyError) -> [Double] {
        let given = config.numbers("weights")
        guard !given.isEmpty, given.count <= symbols else {
            throw StrategyError("weights has \(given.count) entries; the strategy trades \(symbols) symbols")
        }
        let raw = (0..<symbols).map { given[min($0, given.count - 1)] }
        let sum = raw.reduce(0, +)
        guard sum > 0, sum.isFinite else { throw StrategyError("weights must not all be 0") }
        return raw.map { $0 / sum }
    }

    public mutating func candleClosed(_ bar: Bar, symbol: Int, context: StrategyContext) throws(StrategyError) -> [StrategyIntent] {
        guard let period = try allocation.record(bar, symbol: symbol, context: context),
              let valuation = try allocation.valuation(context) else { return [] }
        guard allocation.lastPeriod != nil else {
            return allocation.rebalance(to: weights, period: period, because: "first period", valuation: valuation, context: context,
                                        everyDifference: true)
        }
        let drifts = weights.indices.map { abs(valuation.shares[$0] - weights[$0]) }
        guard let widest = drifts.indices.max(by: { drifts[$0] < drifts[$1] }), drifts[widest] > allocation.thresholdPct / 100 else {
            allocation.hold(weights, period: period)
            return []
        }
        let decision = "\(allocation.name(widest)) at \(Allocation.percent(valuation.shares[widest])) of capital, "
            + "target \(Allocation.percent(weights[widest]))"
        return allocation.rebalance(to: weights, period: period, because: decision, valuation: valuation, context: context,
                                    everyDifference: true)
    }

    /// `targets` (the normalised weights), `last_period`, `last_signal`.
    public var state: JSONValue { allocation.state }

    public mutating func restore(state: JSONValue) throws(StrategyError) {
        try allocation.restore(state: state)
    }
}
