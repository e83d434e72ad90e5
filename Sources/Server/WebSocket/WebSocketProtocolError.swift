/// A violation of RFC 6455 by the peer. The connection must be closed with `code`,
/// which is why the error carries a close code rather than a free-form kind.
public struct WebSocketProtocolError: Error, Sendable, Equatable {
    /// The close code to send back.
    public var code: WebSocketCloseCode
    /// What was wrong, suitable for logs and (truncated) for the close frame.
    public var reason: String

    /// Creates an error to close the connection with.
    public init(code: WebSocketCloseCode, reason: String) {
        self.code = code
        self.reason = reason
    }
}
