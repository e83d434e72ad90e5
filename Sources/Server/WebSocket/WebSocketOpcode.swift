/// The frame opcodes defined by RFC 6455 §5.2; the other values (3-7, 11-15) are
/// reserved and rejected by the parser because no extension defines them.
public enum WebSocketOpcode: UInt8, Sendable {
    /// A later fragment of a text or binary message.
    case continuation = 0
    /// The first (or only) frame of a UTF-8 text message.
    case text = 1
    /// The first (or only) frame of a binary message.
    case binary = 2
    /// The closing handshake, optionally carrying a status code and reason.
    case close = 8
    /// A keep-alive probe the peer must answer with a pong.
    case ping = 9
    /// The answer to a ping, or an unsolicited heartbeat.
    case pong = 10

    /// Whether this is a control frame (close, ping, pong), which §5.5 limits to
    /// 125 payload bytes and forbids fragmenting.
    public var isControl: Bool { rawValue & 0x08 != 0 }
}
