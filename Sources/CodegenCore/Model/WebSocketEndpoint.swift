/// A WebSocket endpoint from the `x-websocket` extension.
public struct WebSocketEndpoint: Sendable, Equatable {
    public var path: String
    public var summary: String?
    public var requiredRole: RequiredRole
    /// Name of the definition of messages clients send.
    public var clientMessage: String
    /// Name of the definition of messages the server sends.
    public var serverMessage: String
    public var channels: [WebSocketChannel]
}
