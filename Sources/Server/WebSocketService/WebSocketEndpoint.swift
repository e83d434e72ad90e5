/// Serves WebSocket paths. The server asks it whether a path is a WebSocket path, whether the
/// upgrade is refused (an address outside an allowlist), who the client is (the address the
/// per-address connection cap counts), then, after the handshake, for a session that receives
/// the connection's messages.
///
/// Sessions are created and called on the connection's event loop: they must not block.
public protocol WebSocketEndpoint: Sendable {
    /// True when `path` is served by this endpoint (`/ws`, `/ws/market`).
    func handles(path: String) -> Bool
    /// A response that refuses the upgrade before any handshake (the connection closes after
    /// it), or nil to go on. Called on the event loop for every request to a handled path:
    /// it must not block.
    func refuseUpgrade(_ request: HTTPRequestHead, remoteAddress: String) -> HTTPResponse?
    /// The client behind an upgrade request from `remoteAddress`: what
    /// `ServerConfiguration.maxWebSocketConnectionsPerAddress` counts. Called on the event loop.
    func clientAddress(of request: HTTPRequestHead, remoteAddress: String) -> String
    /// A session for a connection that just completed its handshake.
    func openSession(_ socket: WebSocketHandle, request: HTTPRequestHead, context: WebSocketContext) -> any WebSocketSession
}

extension WebSocketEndpoint {
    /// Every upgrade goes ahead.
    public func refuseUpgrade(_ request: HTTPRequestHead, remoteAddress: String) -> HTTPResponse? { nil }

    /// The peer is the client (no proxy is believed).
    public func clientAddress(of request: HTTPRequestHead, remoteAddress: String) -> String { remoteAddress }
}
