/// The whole market as the engine last published it. Immutable: readers on any thread take it
/// without locking the engine.
public struct MarketSnapshot: Sendable {
    /// Engine clock time of the publish (epoch ms).
    public var time: Int
    public var symbols: [SymbolKey: SymbolSnapshot]
    /// Market events processed since the engine started, all symbols together.
    public var events: Int

    public init(time: Int = 0, symbols: [SymbolKey: SymbolSnapshot] = [:], events: Int = 0) {
        self.time = time
        self.symbols = symbols
        self.events = events
    }

    /// The symbol `text` names, in either form (`BTC/USDT`, `BTC-USDT`).
    public func symbol(_ text: String) -> SymbolSnapshot? {
        SymbolKey(text).flatMap { symbols[$0] }
    }
}
