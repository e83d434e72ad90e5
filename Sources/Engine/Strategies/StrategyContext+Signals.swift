/// The orders the long-only rules of the built-in types share: what "flat" and "long" mean,
/// a market buy sized as a share of the quote balance, and a market sell of the whole position.
extension StrategyContext {
    /// The strategy holds none of `symbol` and has no order of it open.
    public func isFlat(_ symbol: Int) -> Bool {
        holdings[symbol].position == 0 && holdings[symbol].openOrders.isEmpty
    }

    /// The lots of `symbol` held and not already offered by an open sell: what a sell may still
    /// take without selling more than the strategy holds (0 when nothing is left).
    public func unsoldLots(_ symbol: Int) -> Int64 {
        let offered = holdings[symbol].openOrders.reduce(Int64(0)) { $0 + ($1.side == .sell ? $1.remaining : 0) }
        return max(0, holdings[symbol].position - offered)
    }

    /// A market buy of `percent`% of the quote asset's total balance at the last price; nil
    /// when that is less than one lot (or the balance or price is not a usable number).
    public func marketBuy(_ symbol: Int, percent: Double, tag: Int = 0, reason: String) -> Signal? {
        guard let lots = lots(symbol, quote: totalQuote * percent / 100) else { return nil }
        return Signal(symbol: symbol, kind: .entry, side: .buy, quantity: lots, tag: tag, reason: reason)
    }

    /// A market sell of every lot of `symbol` not already offered; nil when there is none.
    public func sellAll(_ symbol: Int, tag: Int = 0, reason: String) -> Signal? {
        let lots = unsoldLots(symbol)
        guard lots > 0 else { return nil }
        return Signal(symbol: symbol, kind: .exit, side: .sell, quantity: lots, tag: tag, reason: reason)
    }

    /// The decision of a long-only rule on one symbol: when flat and `entry` is given (the
    /// entry condition holds, in these words), a market buy of `percent`% of the total quote
    /// balance; when long and `exit` is given, a market sell of the whole position; else nil.
    public func longOnlySignal(_ symbol: Int, percent: Double, entry: String?, exit: String?) -> Signal? {
        if let entry, isFlat(symbol) { return marketBuy(symbol, percent: percent, reason: entry) }
        if let exit, holdings[symbol].position > 0 { return sellAll(symbol, reason: exit) }
        return nil
    }

    /// The close of `bar` (quote currency) for a single-symbol strategy, or nil for a candle it
    /// skips (one that is not well formed). Throws when the event is not for its one symbol.
    public func close(of bar: Bar, symbol: Int) throws(StrategyError) -> Double? {
        try checkSingle(symbol)
        return bar.isWellFormed ? bar.prices(holdings[0].spec).close : nil
    }

    /// Checks that the event is for the one symbol of a single-symbol strategy and that the
    /// context describes it, so that a host mistake fails the strategy instead of trapping.
    public func checkSingle(_ symbol: Int) throws(StrategyError) {
        guard symbol == 0, holdings.count == 1 else {
            throw StrategyError("a single-symbol strategy got an event for symbol \(symbol) with \(holdings.count) holdings")
        }
    }
}
