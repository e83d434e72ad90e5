import Primitives

/// The Infinity Bot on one symbol: split buying in cycles, each cycle's capital spent in
/// small units at or near the position's average price, sold whole once the price is
/// `target_pct` % above that average.
///
/// A cycle starts on a close with no position: its capital is fixed then, `capital_pct` % of
/// the quote asset's total balance, and its unit is capital / `divisions`; it buys one unit.
/// Units used = the value the cycle's buys filled for / unit. On each later close, with
/// avg = the position's average entry price and every level rounded to the nearest tick:
/// - `close ≥ avg × (1 + target_pct/100)` → sell all (Exit, tag 3): the cycle ends, and the
///   next close without a position starts the next one;
/// - else, while units are left: `close ≤ avg` → buy 1 unit (tag 1); otherwise
///   `close ≤ avg × (1 + target_pct/200)` (half the target above the average) → buy ½ unit
///   (tag 2);
/// - once the units are used up: `close ≤ avg × (1 − stop_pct/100)` → sell all (Exit,
///   "stop", tag 4).
///
/// Lots round down and fills slip, so the value spent rarely lands exactly on the capital:
/// the units count as used up once less than half a unit is left, and a buy never spends
/// more than what is left of the capital. All buys are market orders, one at a time: while
/// one of the strategy's orders is working, a close decides nothing.
///
/// State: `cycle_capital` (null before the first cycle), `spent` (the value the cycle's buys
/// filled for), `units_used` (spent / unit, for reading), `last_signal`.
public struct InfinityBotStrategy: Strategy {
    public static let descriptor = StrategyDescriptor(
        type: "infinity_bot", name: "Infinity Bot",
        description: "Split buying in cycles: one unit (capital / divisions) on each close at or below the average price, half a unit up "
            + "to half the target above it; all sold at target_pct % above the average, or at stop_pct % below it once the units are used up.",
        schema: ConfigSchema([
            .integer("divisions", 40, min: 10, max: 100, "Units a cycle's capital is split into."),
            .number("target_pct", 10, min: 1, max: 50, "Rise above the average price, in %, that sells the position and ends the cycle."),
            .number("capital_pct", 20, min: 1, max: 100, "A cycle's capital, as % of the quote asset's total balance when the cycle starts."),
            .number("stop_pct", 10, min: 1, max: 50, "Fall below the average price, in %, that sells the position once every unit is used."),
        ]))

    /// Tags: a whole unit bought, half a unit bought, the target sell, the stop sell.
    static let unitTag = 1, halfUnitTag = 2, targetTag = 3, stopTag = 4

    private let traded: TradedSymbol
    private var config: StrategyConfig
    /// The running cycle's capital (quote currency); nil before the first cycle.
    private var capital: Double?
    /// The value the cycle's buys filled for (quote currency).
    private var spent = 0.0
    private var lastSignal: String?

    public init(config: StrategyConfig, symbols: [SymbolSpec]) throws(StrategyError) {
        traded = try TradedSymbol(symbols, type: Self.descriptor.type)
        self.config = config
    }

    /// Takes the new settings. The running cycle keeps its capital (`capital_pct` applies from
    /// the next cycle); a new `divisions` changes its unit, and so its units used, at once.
    public mutating func reconfigure(_ config: StrategyConfig) throws(StrategyError) {
        self.config = config
    }

    /// Units used of the running cycle.
    private var unitsUsed: Double { capital.map { spent / unit(of: $0) } ?? 0 }

    private func unit(of capital: Double) -> Double { capital / Double(config.integer("divisions")) }

    public mutating func candleClosed(_ bar: Bar, symbol: Int, context: StrategyContext) throws(StrategyError) -> [StrategyIntent] {
        try traded.check(bar, symbol: symbol)
        let holding = context.holdings[0]
        guard !context.isWarmUp, holding.openOrders.isEmpty else { return [] }
        let signal: Signal?
        if holding.position <= 0 {
            signal = startCycle(context)
        } else if let average = holding.entryPrice, let avg = traded.level(average), avg > 0 {
            signal = decide(bar.close, average: avg, context)
        } else {
            signal = nil
        }
        guard let signal else { return [] }
        lastSignal = signal.reason
        return [.order(signal)]
    }

    /// A new cycle: its capital fixed now, one unit bought. The cycle before (if any) is over.
    private mutating func startCycle(_ context: StrategyContext) -> Signal? {
        let capital = context.totalQuote * config.number("capital_pct") / 100
        let unit = unit(of: capital)
        self.capital = nil
        spent = 0
        guard let buy = traded.buy(context, value: unit, tag: Self.unitTag,
                                   reason: "cycle start: 1 of \(config.integer("divisions")) units of \(traded.text(quote: unit))") else {
            return nil
        }
        self.capital = capital
        return buy
    }

    /// The rule for a close while a position is held.
    private mutating func decide(_ close: Int64, average avg: Int64, _ context: StrategyContext) -> Signal? {
        if capital == nil {
            // A position without a cycle (a state lost): it becomes the cycle, at today's capital.
            capital = context.totalQuote * config.number("capital_pct") / 100
            spent = context.position(0) * StrategyContext.value(ticks: avg, traded.spec)
        }
        let targetPct = config.number("target_pct"), stopPct = config.number("stop_pct")
        guard let capital, let target = traded.level(Double(avg) * (1 + targetPct / 100)),
              let half = traded.level(Double(avg) * (1 + targetPct / 200)), let stop = traded.level(Double(avg) * (1 - stopPct / 100))
        else { return nil }
        let average = "average \(traded.text(avg))"
        if close >= target {
            return traded.sellAll(context, tag: Self.targetTag, reason: "target: close \(traded.text(close)) at or above "
                                  + "\(traded.text(target)) (\(average) + \(TradedSymbol.percent(targetPct)))")
        }
        let unit = unit(of: capital), left = capital - spent
        if left >= unit / 2 {
            if close <= avg {
                return traded.buy(context, value: min(unit, left), tag: Self.unitTag, reason: "close \(traded.text(close)) at or below "
                                  + "\(average): 1 unit" + (left < unit ? ", the last \(traded.text(quote: left)) of the cycle" : ""))
            }
            guard close <= half else { return nil }
            return traded.buy(context, value: unit / 2, tag: Self.halfUnitTag, reason: "close \(traded.text(close)) at or below "
                              + "\(traded.text(half)) (\(average) + \(TradedSymbol.percent(targetPct / 2))): ½ unit")
        }
        guard close <= stop else { return nil }
        return traded.sellAll(context, tag: Self.stopTag, reason: "stop: close \(traded.text(close)) at or below \(traded.text(stop)) "
                              + "(\(average) − \(TradedSymbol.percent(stopPct))), all \(config.integer("divisions")) units used")
    }

    /// A buy fill counts its value toward the units used.
    public mutating func filled(_ fill: StrategyFill, context: StrategyContext) throws(StrategyError) -> [StrategyIntent] {
        guard fill.symbol == 0, fill.quantity > 0, fill.price > 0 else {
            throw StrategyError("infinity_bot cannot take a fill of \(fill.quantity) lots at \(fill.price) ticks")
        }
        if fill.side == .buy {
            spent += Double(fill.quantity) / UnitScale.power(traded.spec.quantities.digits)
                * StrategyContext.value(ticks: fill.price, traded.spec)
        }
        return []
    }

    public var state: JSONValue {
        .object([
            JSONMember("cycle_capital", capital.map { .number(String($0)) } ?? .null),
            JSONMember("spent", .number(String(spent))),
            JSONMember("units_used", .number(String(unitsUsed))),
            SavedState.lastSignal(lastSignal),
        ])
    }

    /// Takes back `state`; `units_used` is only for reading, and is computed again.
    public mutating func restore(state: JSONValue) throws(StrategyError) {
        let saved = try SavedState(state, type: Self.descriptor.type, keys: ["cycle_capital", "spent", "units_used", "last_signal"])
        let capital = try saved.optionalNumber("cycle_capital")
        let spent = try saved.number("spent")
        _ = try saved.number("units_used")
        guard capital.map({ $0 > 0 }) ?? true, spent >= 0 else {
            throw StrategyError("infinity_bot state: cycle_capital must be above 0 and spent at least 0")
        }
        lastSignal = try saved.lastSignal
        self.capital = capital
        self.spent = spent
    }
}
