import Primitives

/// Something a strategy did, streamed as `strategy_update` on the `strategies` channel once
/// the batch holding it is committed.
public struct StrategyEvent: Sendable, Equatable {
    /// The spec's `StrategyEvent` values.
    public enum Kind: String, Sendable, CaseIterable {
        case started, stopped
        case signalGenerated = "signal_generated"
        case orderSubmitted = "order_submitted"
        case orderFilled = "order_filled"
        case configUpdated = "config_updated"
        case error
    }

    public var strategyID: String
    public var name: String
    /// Whether the strategy runs after the event.
    public var running: Bool
    public var kind: Kind
    /// The event's payload, a JSON object (document A's `{signal_type, side}` and more).
    public var data: JSONValue
    /// Epoch milliseconds.
    public var time: Int

    public init(strategyID: String, name: String, running: Bool, kind: Kind, data: JSONValue, time: Int) {
        self.strategyID = strategyID
        self.name = name
        self.running = running
        self.kind = kind
        self.data = data
        self.time = time
    }
}
