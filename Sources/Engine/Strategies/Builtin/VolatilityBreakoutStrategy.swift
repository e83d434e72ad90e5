import Primitives

/// Larry Williams' volatility breakout on one symbol. Each candle of the timeframe is a
/// trading period; the next period opens at its close.
///
/// On the close of candle t, in this order:
/// 1. a position held (bought by the breakout of the period that just ended) is sold whole at
///    the market (Exit, "period end"): a breakout trade never lives past its period;
/// 2. a breakout order of that period that never triggered is cancelled (tag 1);
/// 3. the new period's breakout level is
///    `target = close_t + k × (high_t − low_t)`, rounded to the nearest tick, and a stop buy
///    waits there (Entry, tag 1): it buys at the market once a trade reaches the target. Its
///    size is `order_pct` % of the quote asset's total balance, in lots at the target price.
///
/// A candle without a range (high = low) sets no breakout: there was no volatility to break
/// out of. Whatever the stop buys is held until the next close, whatever the price does in
/// between (no stop loss inside the period: that is the rule).
///
/// State: `target` (the breakout price placed at the last close, null when none),
/// `last_signal`.
public struct VolatilityBreakoutStrategy: Strategy {
    public static let descriptor = StrategyDescriptor(
        type: "volatility_breakout", name: "Volatility Breakout",
        description: "Larry Williams' volatility breakout: at each close, a stop buy at close + k × the candle's range "
            + "(high − low); what it buys is sold at the next close.",
        schema: ConfigSchema([
            .number("k", 0.5, min: 0.1, max: 1.0, "Share of the last candle's range (high − low) above its close where the breakout buy waits."),
            .number("order_pct", 10, min: 0.01, max: 100, "Value of each breakout buy, as % of the quote asset's total balance."),
        ]))

    /// The tag of the breakout stop buy.
    static let breakoutTag = 1
    /// The tag of the period-end sell.
    static let periodEndTag = 2

    private let traded: TradedSymbol
    private var k: Double
    private var orderPct: Double
    /// The breakout level placed at the last close (ticks); nil when none was placed.
    private var target: Int64?
    private var lastSignal: String?

    public init(config: StrategyConfig, symbols: [SymbolSpec]) throws(StrategyError) {
        traded = try TradedSymbol(symbols, type: Self.descriptor.type)
        k = config.number("k")
        orderPct = config.number("order_pct")
    }

    public mutating func reconfigure(_ config: StrategyConfig) throws(StrategyError) {
        k = config.number("k")
        orderPct = config.number("order_pct")
    }

    public mutating func candleClosed(_ bar: Bar, symbol: Int, context: StrategyContext) throws(StrategyError) -> [StrategyIntent] {
        try traded.check(bar, symbol: symbol)
        guard !context.isWarmUp else { return [] }
        var intents: [StrategyIntent] = []
        if let exit = traded.sellAll(context, tag: Self.periodEndTag, reason: "period end") {
            intents.append(.order(exit))
        }
        if context.holdings[0].openOrders.contains(where: { $0.tag == Self.breakoutTag }) {
            intents.append(.cancel(symbol: 0, tag: Self.breakoutTag))
        }
        target = nil
        if let breakout = breakout(after: bar, context) {
            target = breakout.stop
            intents.append(.order(breakout))
        }
        for case .order(let signal) in intents { lastSignal = signal.reason }
        return intents
    }

    /// The stop buy at close + k × range, sized at that price; nil without a range or a lot.
    private func breakout(after bar: Bar, _ context: StrategyContext) -> Signal? {
        let range = bar.high - bar.low
        guard range > 0, let offset = traded.level(k * Double(range)) else { return nil }
        let (target, overflow) = bar.close.addingReportingOverflow(offset)
        guard !overflow else { return nil }
        let price = StrategyContext.value(ticks: target, traded.spec)
        guard let lots = context.lots(0, base: context.totalQuote * orderPct / 100 / price) else { return nil }
        let reason = "breakout above \(traded.text(target)): close \(traded.text(bar.close)) + \(ConfigValue.number(k).text) "
            + "× range \(traded.text(range))"
        return Signal(symbol: 0, kind: .entry, side: .buy, quantity: lots, stop: target, tag: Self.breakoutTag, reason: reason)
    }

    public var state: JSONValue {
        .object([JSONMember("target", SavedState.price(target, traded.spec)), SavedState.lastSignal(lastSignal)])
    }

    public mutating func restore(state: JSONValue) throws(StrategyError) {
        let saved = try SavedState(state, type: Self.descriptor.type, keys: ["target", "last_signal"])
        let target = try saved.price("target", traded.spec)
        lastSignal = try saved.lastSignal
        self.target = target
    }
}
