/// A close status code (RFC 6455 §7.4). A struct rather than an enum because peers
/// may send any registered or private-use code, and those must round-trip intact.
public struct WebSocketCloseCode: RawRepresentable, Sendable, Equatable, Hashable {
    /// The two-byte code as sent on the wire.
    public var rawValue: UInt16

    /// Wraps any code; use `isValidOnWire` to decide whether a peer may send it.
    public init(rawValue: UInt16) {
        self.rawValue = rawValue
    }

    /// 1000: the purpose of the connection has been fulfilled.
    public static let normal = WebSocketCloseCode(rawValue: 1000)
    /// 1001: the endpoint is going away (server shutdown, page navigation).
    public static let goingAway = WebSocketCloseCode(rawValue: 1001)
    /// 1002: the peer broke the framing protocol.
    public static let protocolError = WebSocketCloseCode(rawValue: 1002)
    /// 1003: the peer sent a kind of data this endpoint cannot accept.
    public static let unsupportedData = WebSocketCloseCode(rawValue: 1003)
    /// 1005: a close frame carried no status; only reported locally, never sent.
    public static let noStatus = WebSocketCloseCode(rawValue: 1005)
    /// 1006: the connection dropped without a close frame; never sent.
    public static let abnormal = WebSocketCloseCode(rawValue: 1006)
    /// 1007: message data was inconsistent with its type, e.g. text that is not UTF-8.
    public static let invalidPayload = WebSocketCloseCode(rawValue: 1007)
    /// 1008: a message violated the endpoint's policy.
    public static let policyViolation = WebSocketCloseCode(rawValue: 1008)
    /// 1009: a frame or message was larger than this endpoint accepts.
    public static let messageTooBig = WebSocketCloseCode(rawValue: 1009)
    /// 1011: the server hit an unexpected condition.
    public static let internalError = WebSocketCloseCode(rawValue: 1011)

    /// Whether a peer may put this code in a close frame: 1000-1003 and 1007-1014
    /// (RFC 6455 §7.4.1 plus the IANA registry), and 3000-4999 for libraries and
    /// applications. 1004 is reserved, 1005/1006/1015 are local-only, and the rest
    /// below 3000 is unassigned, so receiving any of those is a protocol error.
    public var isValidOnWire: Bool {
        switch rawValue {
        case 1000...1003, 1007...1014, 3000...4999: true
        default: false
        }
    }
}
