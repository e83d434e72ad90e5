/// Where the engine sends what the streams carry (the gateway turns each into the WebSocket
/// messages of its channels). Market updates are called by one caller at a time (the engine
/// thread, or a `MarketMirror`'s task), at most once per symbol and publish interval for each
/// kind, so a sink may encode and fan out directly; it should skip the work for channels
/// nobody listens to. The account's updates come from the engine that runs the paper exchange.
public protocol MarketUpdateSink: AnyObject, Sendable {
    /// The symbol's ticker (price and 24-hour figures) changed.
    func ticker(_ symbol: SymbolSnapshot)
    /// The newest trade of the symbol since the last publish (`sequence` numbers its trades).
    func trade(_ symbol: SymbolSpec, _ trade: Tick, sequence: Int, buyerTaker: Bool)
    /// A candle of `interval` changed; `closed` when it will change no more.
    func kline(_ symbol: SymbolSpec, _ interval: CandleInterval, _ bar: Bar, closed: Bool)
    /// The symbol's order book at `time`.
    func book(_ symbol: SymbolSpec, _ book: L2Book, time: Int)
    /// An engine is about to start on an exchange holding `positions` (restored from the
    /// database, so all of them stored), its values converted with `records`. Called before
    /// any `exchangeCommitted` of that engine.
    func accountRestored(positions: [Position], records: ExchangeRecords)
    /// A batch of the exchange's changes committed (`MarketEngine`'s `committed`): called once
    /// a batch, in the order the batches were written, never two at once.
    func exchangeCommitted(_ changes: ExchangeChanges)
}

extension MarketUpdateSink {
    /// A sink that streams only the market ignores the account.
    public func accountRestored(positions: [Position], records: ExchangeRecords) {}

    /// A sink that streams only the market ignores the account.
    public func exchangeCommitted(_ changes: ExchangeChanges) {}
}
