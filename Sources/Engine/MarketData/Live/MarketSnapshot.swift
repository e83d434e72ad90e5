/// The whole market as the engine last published it. Immutable: readers on any thread take it
/// without locking the engine.
public struct MarketSnapshot: Sendable {
    /// Engine clock time of the publish (epoch ms).
    public var time: Int
    public var symbols: [SymbolKey: SymbolSnapshot]
    /// Market events processed since the engine started, all symbols together.
    public var events: Int
    /// The paper account as the exchange last stood: its open positions (oldest first), its
    /// balances, its active orders (oldest first). Empty without an exchange.
    public var positions: [Position]
    public var balances: [String: AssetBalance]
    public var activeOrders: [ExchangeOrder]
    /// The strategy instances, by id (empty without an exchange).
    public var strategies: [StrategyView] = []

    public init(time: Int = 0, symbols: [SymbolKey: SymbolSnapshot] = [:], events: Int = 0, positions: [Position] = [],
                balances: [String: AssetBalance] = [:], activeOrders: [ExchangeOrder] = []) {
        self.time = time
        self.symbols = symbols
        self.events = events
        self.positions = positions
        self.balances = balances
        self.activeOrders = activeOrders
    }

    /// The symbol `text` names, in either form (`BTC/USDT`, `BTC-USDT`).
    public func symbol(_ text: String) -> SymbolSnapshot? {
        SymbolKey(text).flatMap { symbols[$0] }
    }
}
