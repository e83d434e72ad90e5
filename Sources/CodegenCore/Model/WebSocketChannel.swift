/// A channel a WebSocket client can subscribe to; `{name}` segments are parameters.
public struct WebSocketChannel: Sendable, Equatable {
    public var name: String
    public var description: String?
    public var messages: [String]
    public var requiredRole: RequiredRole
    /// The schemas the channel declares for its parameters (`parameters` of the channel in
    /// `x-websocket`), by parameter name. A parameter without one is any non-empty text.
    public var parameterSchemas: [String: Schema] = [:]

    /// The `{name}` parameters of the channel name, in order: `kline:{symbol}:{timeframe}` →
    /// `symbol`, `timeframe`.
    public var parameterNames: [String] {
        name.split(separator: ":", omittingEmptySubsequences: false).compactMap { segment in
            segment.hasPrefix("{") && segment.hasSuffix("}") ? String(segment.dropFirst().dropLast()) : nil
        }
    }
}
