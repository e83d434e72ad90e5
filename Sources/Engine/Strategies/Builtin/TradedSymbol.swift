import Primitives

/// The one symbol of a single-symbol strategy (index 0 of its symbols), and what every such
/// type does with it: refuse a candle it cannot trade on, round price levels to ticks, write
/// prices in reasons, and make the market orders of the house conventions (entries sized as a
/// share of the quote asset's total balance, exits selling what is not already being sold).
struct TradedSymbol {
    /// The strategy type, for errors.
    let type: String
    let spec: SymbolSpec

    /// The only symbol of `symbols`; a strategy of `type` trades exactly one.
    init(_ symbols: [SymbolSpec], type: String) throws(StrategyError) {
        guard symbols.count == 1 else { throw StrategyError("\(type) trades exactly one symbol, got \(symbols.count)") }
        self.type = type
        spec = symbols[0]
    }

    /// Refuses a candle no rule can decide on: one of another symbol than index 0, prices out
    /// of order (low above open, close or high), a price not above zero, a negative volume.
    /// That is corrupt data, not a market: the strategy stops and says which candle it was
    /// instead of trading on it.
    func check(_ bar: Bar, symbol: Int) throws(StrategyError) {
        guard symbol == 0 else { throw StrategyError("\(type) trades one symbol (index 0), got a candle of symbol \(symbol)") }
        guard bar.isConsistent, bar.low > 0 else {
            throw StrategyError("\(type) cannot trade on the \(spec.key) candle of \(Timestamp.iso8601(epochMilliseconds: bar.start)): open \(bar.open), "
                                + "high \(bar.high), low \(bar.low), close \(bar.close) ticks, volume \(bar.volume)")
        }
    }

    /// A price level computed in ticks, rounded to the nearest tick; nil unless finite and
    /// within the 64-bit range (never a trap on a NaN).
    func level(_ ticks: Double) -> Int64? {
        let rounded = ticks.rounded()
        guard rounded.isFinite, rounded >= 0, rounded < 9e18 else { return nil }
        return Int64(rounded)
    }

    /// `ticks` as a price in the quote currency (`97.00`), for reasons.
    func text(_ ticks: Int64) -> String { ReasonText.price(ticks: ticks, spec) }

    /// `value` in the quote currency, to the tick (`512.35`), for reasons.
    func text(quote value: Double) -> String {
        level(value * UnitScale.power(spec.prices.digits)).map(text) ?? String(value)
    }

    /// A setting's percentage as written (`3%`, `0.5%`).
    static func percent(_ value: Double) -> String { ConfigValue.number(value).text + "%" }

    /// The lots of the position not already offered by the strategy's open sell orders.
    func unsold(_ context: StrategyContext) -> Int64 { context.unsoldLots(0) }

    /// A market sell of the whole unsold position; nil when nothing is left to sell.
    func sellAll(_ context: StrategyContext, tag: Int, reason: String) -> Signal? { context.sellAll(0, tag: tag, reason: reason) }

    /// A market buy of `value` in the quote currency at the last price; nil when that is not
    /// one lot (or not a number).
    func buy(_ context: StrategyContext, value: Double, tag: Int, reason: String) -> Signal? {
        guard value.isFinite, let lots = context.lots(0, quote: value) else { return nil }
        return Signal(symbol: 0, kind: .entry, side: .buy, quantity: lots, tag: tag, reason: reason)
    }
}
