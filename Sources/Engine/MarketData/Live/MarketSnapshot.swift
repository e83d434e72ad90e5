import Synchronization

/// The whole market as the engine last published it. Immutable: readers on any thread take it
/// without locking the engine.
public struct MarketSnapshot: Sendable {
    /// Engine clock time of the publish (epoch ms).
    public var time: Int
    /// The publication's number, unique in the process and growing (`published()`): answers
    /// rendered from a snapshot may be kept while it stays the published one. 0 before publication.
    public var version: UInt64 = 0
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

    /// This snapshot numbered for publication, after every earlier one of the process (of any
    /// engine or mirror, so a replaced source never repeats a number).
    public func published() -> MarketSnapshot {
        var numbered = self
        numbered.version = Self.publications.add(1, ordering: .relaxed).newValue
        return numbered
    }

    private static let publications = Atomic<UInt64>(0)

    /// The symbol `text` names, in either form (`BTC/USDT`, `BTC-USDT`).
    public func symbol(_ text: String) -> SymbolSnapshot? {
        SymbolKey(text).flatMap { symbols[$0] }
    }
}
