/// Where the engine sends what the market streams carry (the gateway turns each into the
/// WebSocket messages of its channels). Called by one caller at a time (the engine thread,
/// or a `MarketMirror`'s task), at most once per symbol and publish interval for each kind,
/// so a sink may encode and fan out directly; it should skip the work for channels nobody
/// listens to.
public protocol MarketUpdateSink: AnyObject, Sendable {
    /// The symbol's ticker (price and 24-hour figures) changed.
    func ticker(_ symbol: SymbolSnapshot)
    /// The newest trade of the symbol since the last publish (`sequence` numbers its trades).
    func trade(_ symbol: SymbolSpec, _ trade: Tick, sequence: Int, buyerTaker: Bool)
    /// A candle of `interval` changed; `closed` when it will change no more.
    func kline(_ symbol: SymbolSpec, _ interval: CandleInterval, _ bar: Bar, closed: Bool)
    /// The symbol's order book at `time`.
    func book(_ symbol: SymbolSpec, _ book: L2Book, time: Int)
}
