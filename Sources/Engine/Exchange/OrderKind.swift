/// The spec's order types. A StopLoss or TakeProfit order's price is its trigger: it waits
/// until the last trade crosses it, then executes as a market order.
public enum OrderKind: String, Sendable, CaseIterable {
    case market = "Market", limit = "Limit", stopLoss = "StopLoss", takeProfit = "TakeProfit"

    /// True for the kinds that wait for a trigger.
    public var isTriggered: Bool { self == .stopLoss || self == .takeProfit }
}
