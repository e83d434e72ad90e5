import Primitives

/// Magic Split on one symbol: buys in numbered stages, a new stage each time the price has
/// fallen `step_pct` % below the last stage's buy price, and takes each stage's profit on its
/// own.
///
/// A stage is what the fills of its buy order bought: its lots and its buy price (the
/// average of those fills, rounded to the nearest tick). Each stage's buy is a market order
/// worth `order_pct` % of the quote asset's total balance, tagged with the stage's number.
/// On each close, every level rounded to the nearest tick:
/// - no stage held and no order open → buy stage 1;
/// - otherwise, when no buy is working and the highest stage held, n, is below `splits`:
///   `close ≤ price_n × (1 − step_pct/100)` → buy stage n + 1;
/// - and every stage k with `price_k × (1 + take_profit_pct/100) ≤ close` is sold, its own
///   lots at the market (Exit, tag k), unless its sell is already working. The stage is
///   gone once its lots are sold; its number is free again.
///
/// Stages are a ladder: the next one is always numbered one above the highest held and is
/// compared with that one's price (the lowest bought, normally), so stages sold from the top
/// of the ladder are bought again as the price falls back. The number of stages is capped
/// through that numbering: with `splits` 5, stage 5 is the last rung (when a lower stage was
/// sold first, which only odd fills allow, its rung stays empty until the ladder comes down).
///
/// State: `stages` (each a `number`, its buy `price` and the `quantity` held, in the
/// symbol's units), `last_signal`.
public struct MagicSplitStrategy: Strategy {
    public static let descriptor = StrategyDescriptor(
        type: "magic_split", name: "Magic Split",
        description: "Staged buys on drawdowns: a new stage each time the price falls step_pct % below the last stage's buy, "
            + "each stage sold on its own at take_profit_pct % above its buy.",
        schema: ConfigSchema([
            .integer("splits", 5, min: 1, max: 20, "Most stages held at once."),
            .number("step_pct", 3, min: 0.5, max: 50, "Fall below the last stage's buy price, in %, that buys the next stage."),
            .number("take_profit_pct", 3, min: 0.5, max: 100, "Rise above a stage's buy price, in %, that sells that stage."),
            .number("order_pct", 5, min: 0.01, max: 100, "Value of each stage's buy, as % of the quote asset's total balance."),
        ]))

    /// One rung of the ladder: what its buy order filled.
    struct Stage: Equatable {
        var number: Int
        /// The average buy price (ticks).
        var price: Int64
        /// Lots still held.
        var lots: Int64
    }

    private let traded: TradedSymbol
    private var config: StrategyConfig
    /// The stages held, by number.
    private var stages: [Stage] = []
    private var lastSignal: String?

    public init(config: StrategyConfig, symbols: [SymbolSpec]) throws(StrategyError) {
        traded = try TradedSymbol(symbols, type: Self.descriptor.type)
        self.config = config
    }

    /// Takes the new settings; the stages held stay (with fewer `splits` than stages held, no
    /// stage is bought until enough are sold).
    public mutating func reconfigure(_ config: StrategyConfig) throws(StrategyError) {
        self.config = config
    }

    public mutating func candleClosed(_ bar: Bar, symbol: Int, context: StrategyContext) throws(StrategyError) -> [StrategyIntent] {
        try traded.check(bar, symbol: symbol)
        guard !context.isWarmUp else { return [] }
        let orders = context.holdings[0].openOrders
        var signals: [Signal] = []
        if let last = stages.last {
            if !orders.contains(where: { $0.side == .buy }), let buy = stage(after: last, bar, context) { signals.append(buy) }
        } else if orders.isEmpty, let buy = traded.buy(context, value: stageValue(context), tag: 1, reason: "stage 1: first buy") {
            signals.append(buy)
        }
        var unsold = traded.unsold(context)
        for stage in stages where !orders.contains(where: { $0.side == .sell && $0.tag == stage.number }) {
            guard let sell = takeProfit(stage, bar, unsold: unsold) else { continue }
            unsold -= sell.quantity
            signals.append(sell)
        }
        if let last = signals.last { lastSignal = last.reason }
        return signals.map { .order($0) }
    }

    /// The buy of the stage after `last` when the close is `step_pct` % below its price and a
    /// rung is left; nil otherwise.
    private func stage(after last: Stage, _ bar: Bar, _ context: StrategyContext) -> Signal? {
        let step = config.number("step_pct")
        guard last.number < config.integer("splits"), let trigger = traded.level(Double(last.price) * (1 - step / 100)),
              bar.close <= trigger else { return nil }
        let reason = "stage \(last.number + 1): close \(traded.text(bar.close)) at or below \(traded.text(trigger)) "
            + "(stage \(last.number) \(traded.text(last.price)) − \(TradedSymbol.percent(step)))"
        return traded.buy(context, value: stageValue(context), tag: last.number + 1, reason: reason)
    }

    /// The sell of `stage`'s lots (at most `unsold`) when the close reached its target; nil
    /// otherwise.
    private func takeProfit(_ stage: Stage, _ bar: Bar, unsold: Int64) -> Signal? {
        let takeProfit = config.number("take_profit_pct")
        let lots = min(stage.lots, unsold)
        guard lots > 0, let target = traded.level(Double(stage.price) * (1 + takeProfit / 100)), target <= bar.close else { return nil }
        let reason = "stage \(stage.number) take profit: close \(traded.text(bar.close)) at or above \(traded.text(target)) "
            + "(\(traded.text(stage.price)) + \(TradedSymbol.percent(takeProfit)))"
        return Signal(symbol: 0, kind: .exit, side: .sell, quantity: lots, tag: stage.number, reason: reason)
    }

    /// What one stage buys, in the quote currency.
    private func stageValue(_ context: StrategyContext) -> Double { context.totalQuote * config.number("order_pct") / 100 }

    /// A buy fill adds to its stage (the buy price becomes the average of the stage's fills);
    /// a sell fill takes from its stage, which is gone once nothing of it is left.
    public mutating func filled(_ fill: StrategyFill, context: StrategyContext) throws(StrategyError) -> [StrategyIntent] {
        guard fill.symbol == 0, fill.quantity > 0, fill.price > 0, (1...Self.maximumSplits).contains(fill.tag) else {
            throw StrategyError("magic_split cannot take a fill of \(fill.quantity) lots at \(fill.price) ticks for stage \(fill.tag)")
        }
        let index = stages.firstIndex(where: { $0.number >= fill.tag }) ?? stages.endIndex
        let held = index < stages.endIndex && stages[index].number == fill.tag
        switch fill.side {
        case .buy where held:
            let stage = stages[index]
            let cost = Int128(stage.price) * Int128(stage.lots) + Int128(fill.price) * Int128(fill.quantity)
            let lots = Int128(stage.lots) + Int128(fill.quantity)
            stages[index].price = Int64((cost + lots / 2) / lots)
            stages[index].lots += fill.quantity
        case .buy:
            stages.insert(Stage(number: fill.tag, price: fill.price, lots: fill.quantity), at: index)
        case .sell where held:
            stages[index].lots -= fill.quantity
            if stages[index].lots <= 0 { stages.remove(at: index) }
        case .sell:
            break
        }
        return []
    }

    /// The most stages the schema allows, and so the tags a fill may carry.
    private static let maximumSplits = 20

    public var state: JSONValue {
        .object([
            JSONMember("stages", .array(stages.map { stage in
                .object([JSONMember("number", .number(String(stage.number))), JSONMember("price", SavedState.price(stage.price, traded.spec)),
                         JSONMember("quantity", SavedState.quantity(stage.lots, traded.spec))])
            })),
            SavedState.lastSignal(lastSignal),
        ])
    }

    public mutating func restore(state: JSONValue) throws(StrategyError) {
        let saved = try SavedState(state, type: Self.descriptor.type, keys: ["stages", "last_signal"])
        var stages: [Stage] = []
        for stage in try saved.objects("stages", keys: ["number", "price", "quantity"]) {
            let number = try stage.integer("number", minimum: 1)
            guard number <= Self.maximumSplits, number > (stages.last?.number ?? 0),
                  let price = try stage.price("price", traded.spec), let lots = try stage.quantity("quantity", traded.spec) else {
                throw StrategyError("magic_split state: stages must be numbered 1 to \(Self.maximumSplits) in order, each with a price and a quantity")
            }
            stages.append(Stage(number: number, price: price, lots: lots))
        }
        self.lastSignal = try saved.lastSignal
        self.stages = stages
    }
}
