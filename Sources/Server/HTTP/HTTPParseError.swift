/// Why the bytes on a connection are not an acceptable HTTP/1.1 request. Every case ends the
/// connection: the server answers with `status` and closes, because after a framing error it
/// can no longer tell where the next request would begin.
public enum HTTPParseError: Error, Sendable, Equatable {
    /// The bytes break the HTTP/1.1 grammar or a framing rule; the text names the rule.
    case malformed(String)
    /// The request line and header fields (or a chunked body's trailer section) exceed `HTTPParserLimits.maxHeaderBytes`.
    case headersTooLarge
    /// The declared or accumulated body exceeds `HTTPParserLimits.maxBodyBytes`.
    case bodyTooLarge
    /// A `Transfer-Encoding` other than plain `chunked`; carries the field value as received.
    case unsupportedTransferEncoding(String)
    /// A well-formed `HTTP/x.y` version other than 1.0 and 1.1.
    case unsupportedVersion

    /// The response status the connection is answered with.
    public var status: Int {
        switch self {
        case .malformed: 400
        case .headersTooLarge: 431
        case .bodyTooLarge: 413
        case .unsupportedTransferEncoding: 501
        case .unsupportedVersion: 505
        }
    }

    /// A short sentence for the error response's body; malformed requests say which rule they
    /// broke, so a client developer can fix the request. Never echoes request bytes.
    public var reason: String {
        switch self {
        case .malformed(let detail): "Malformed request: \(detail)"
        case .headersTooLarge: "The request line and header fields are too large"
        case .bodyTooLarge: "The request body is too large"
        case .unsupportedTransferEncoding: "Only the chunked transfer coding is supported"
        case .unsupportedVersion: "Only HTTP/1.0 and HTTP/1.1 are supported"
        }
    }
}

extension HTTPParseError: CustomStringConvertible {
    /// The status and reason, plus the offending transfer coding, for logs.
    public var description: String {
        switch self {
        case .unsupportedTransferEncoding(let coding): "\(status) \(reason) (Transfer-Encoding: \(coding))"
        default: "\(status) \(reason)"
        }
    }
}
