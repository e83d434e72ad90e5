/// What the application sees: a whole message or a control frame.
public enum WebSocketEvent: Sendable, Equatable {
    /// A complete text message, already validated as UTF-8.
    case text(String)
    /// A complete binary message.
    case binary([UInt8])
    /// A ping; the server should answer with a pong carrying the same bytes.
    case ping([UInt8])
    /// A pong.
    case pong([UInt8])
    /// The peer started or answered the closing handshake; `code` is nil when the
    /// close frame had no payload (reported locally as 1005).
    case close(code: WebSocketCloseCode?, reason: String)
}
