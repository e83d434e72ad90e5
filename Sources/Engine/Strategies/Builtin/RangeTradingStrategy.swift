import Primitives

/// Range trading on one symbol: buys near the bottom of the recent range and sells near its
/// top, or when the price breaks down out of the range.
///
/// The range is the highest high (H) and the lowest low (L) of the `lookback` candles before
/// the one that just closed (a Donchian channel not counting the current candle, so a close
/// can be compared with it); nothing is decided until there are that many. On each close,
/// every level rounded to the nearest tick:
/// - flat (no position, no order working) and `L ≤ close ≤ L + entry_zone_pct/100 × (H − L)`
///   → market buy (Entry, tag 1) worth `order_pct` % of the quote asset's total balance. A
///   range without width (H = L) is no range to trade: no entry then;
/// - long and `close ≥ H − exit_zone_pct/100 × (H − L)` → sell all (Exit, "range top", tag 2);
/// - long and `close < L × (1 − stop_pct/100)` → sell all (Exit, "breakdown stop", tag 3).
/// The range is the current one at each close: the exit follows the range as it moves.
///
/// State: `last_signal` (the range is the candles', warmed up again after a restart).
public struct RangeTradingStrategy: Strategy {
    public static let descriptor = StrategyDescriptor(
        type: "range_trading", name: "Range Trading",
        description: "Buys in the bottom entry_zone_pct % of the range of the last lookback candles, sells in its top exit_zone_pct %, "
            + "or at stop_pct % below the range's low.",
        schema: ConfigSchema([
            .integer("lookback", 20, min: 5, max: 500, "Candles before the current one whose highest high and lowest low make the range."),
            .number("entry_zone_pct", 20, min: 1, max: 50, "Bottom part of the range, in % of its width, where a close buys."),
            .number("exit_zone_pct", 20, min: 1, max: 50, "Top part of the range, in % of its width, where a close sells."),
            .number("stop_pct", 3, min: 0.5, max: 50, "Fall below the range's low, in %, where a close sells (the range broke down)."),
            .number("order_pct", 10, min: 0.01, max: 100, "Value of each buy, as % of the quote asset's total balance."),
        ]))

    /// Tags: the entry, the range-top sell, the breakdown stop.
    static let entryTag = 1, rangeTopTag = 2, stopTag = 3

    private let traded: TradedSymbol
    private var config: StrategyConfig
    private var range: DonchianChannel
    private var lastSignal: String?

    public init(config: StrategyConfig, symbols: [SymbolSpec]) throws(StrategyError) {
        traded = try TradedSymbol(symbols, type: Self.descriptor.type)
        self.config = config
        range = DonchianChannel(period: config.integer("lookback"))
    }

    /// Takes the new settings; a new `lookback` starts the range again (no decision until that
    /// many candles closed).
    public mutating func reconfigure(_ config: StrategyConfig) throws(StrategyError) {
        self.config = config
        if config.integer("lookback") != range.period { range = DonchianChannel(period: config.integer("lookback")) }
    }

    public mutating func candleClosed(_ bar: Bar, symbol: Int, context: StrategyContext) throws(StrategyError) -> [StrategyIntent] {
        try traded.check(bar, symbol: symbol)
        let before = range.value
        range.add(high: Double(bar.high), low: Double(bar.low))
        guard !context.isWarmUp, let before, let high = traded.level(before.upper), let low = traded.level(before.lower),
              let signal = decide(bar.close, low: low, high: high, context) else { return [] }
        lastSignal = signal.reason
        return [.order(signal)]
    }

    private func decide(_ close: Int64, low: Int64, high: Int64, _ context: StrategyContext) -> Signal? {
        let width = Double(high - low)
        let span = "range \(traded.text(low))–\(traded.text(high))"
        let holding = context.holdings[0]
        if holding.position > 0 {
            let exitZone = config.number("exit_zone_pct"), stopPct = config.number("stop_pct")
            if let top = traded.level(Double(high) - exitZone / 100 * width), close >= top {
                return traded.sellAll(context, tag: Self.rangeTopTag, reason: "range top: close \(traded.text(close)) at or above "
                                      + "\(traded.text(top)) (top \(TradedSymbol.percent(exitZone)) of \(span))")
            }
            if let stop = traded.level(Double(low) * (1 - stopPct / 100)), close < stop {
                return traded.sellAll(context, tag: Self.stopTag, reason: "breakdown stop: close \(traded.text(close)) below "
                                      + "\(traded.text(stop)) (low \(traded.text(low)) − \(TradedSymbol.percent(stopPct)))")
            }
            return nil
        }
        let entryZone = config.number("entry_zone_pct")
        guard holding.openOrders.isEmpty, high > low, let zone = traded.level(Double(low) + entryZone / 100 * width),
              (low...zone).contains(close) else { return nil }
        return traded.buy(context, value: context.totalQuote * config.number("order_pct") / 100, tag: Self.entryTag,
                          reason: "close \(traded.text(close)) at or below \(traded.text(zone)) (bottom \(TradedSymbol.percent(entryZone)) of \(span))")
    }

    public var state: JSONValue { .object([SavedState.lastSignal(lastSignal)]) }

    public mutating func restore(state: JSONValue) throws(StrategyError) {
        lastSignal = try SavedState(state, type: Self.descriptor.type, keys: ["last_signal"]).lastSignal
    }
}
