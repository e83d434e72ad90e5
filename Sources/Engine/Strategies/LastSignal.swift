import Primitives

/// The whole decision state of a rule whose indicators the host warms up again on a restart
/// (rsi, bollinger, sma): the reason of the last signal, stored as `{"last_signal": …}`.
struct LastSignal {
    private(set) var reason: String?

    /// `signal` as the intents to return, remembered as the last signal when there is one.
    mutating func emit(_ signal: Signal?) -> [StrategyIntent] {
        guard let signal else { return [] }
        reason = signal.reason
        return [.order(signal)]
    }

    var state: JSONValue { .object([SavedState.lastSignal(reason)]) }

    /// Takes back a `state` of strategy type `type`.
    mutating func restore(_ state: JSONValue, type: String) throws(StrategyError) {
        reason = try SavedState(state, type: type, keys: ["last_signal"]).optionalString("last_signal")
    }
}
