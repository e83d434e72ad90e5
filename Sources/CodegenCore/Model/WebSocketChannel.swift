/// A channel a WebSocket client can subscribe to; `{name}` segments are parameters.
public struct WebSocketChannel: Sendable, Equatable {
    public var name: String
    public var description: String?
    public var messages: [String]
    public var requiredRole: RequiredRole
}
