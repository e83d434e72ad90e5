/// What the host reads of the market it runs on (the engine's `MarketCore`).
protocol StrategyMarket: AnyObject {
    /// The last trade price of a symbol (ticks), nil for a symbol the market lacks.
    func lastPrice(of symbol: SymbolKey) -> Int64?
    /// Trades the market has processed for a symbol since it started.
    func eventCount(of symbol: SymbolKey) -> Int
    /// A symbol the market trades.
    func spec(of symbol: SymbolKey) -> SymbolSpec?
}
