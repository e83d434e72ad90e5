import Primitives

/// A strategy instance as REST reads show it (from the engine's snapshot).
public struct StrategyView: Sendable, Equatable {
    public var id: String
    public var type: String
    public var name: String
    public var version: String
    public var running: Bool
    /// Symbols in the slash form of orders (`BTC/USDT`).
    public var symbols: [String]
    /// The configuration in effect, every field (defaults filled in, canonical names).
    public var config: JSONValue
    public var signalsGenerated: Int
    public var ordersSubmitted: Int
    public var ordersFilled: Int
    public var marketDataProcessed: Int
    /// What the strategy keeps between events (nil before it first started).
    public var state: JSONValue? = nil
}
