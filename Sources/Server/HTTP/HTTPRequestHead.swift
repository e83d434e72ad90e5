/// The request line and header fields of a request: everything a responder needs to decide
/// what to do before (or without) reading the body.
public struct HTTPRequestHead: Sendable, Equatable {
    /// The method token as received; methods are case-sensitive (RFC 9110 §9.1), so `get` is not `GET`.
    public var method: String
    /// The origin-form target (`/path?query`), or `*` for a server-wide `OPTIONS`. An absolute-form
    /// target (`http://host/path`) is reduced to its path and query by the parser.
    public var target: String
    /// The protocol version from the request line.
    public var version: HTTPVersion
    /// The header fields in the order received.
    public var headers: HTTPHeaders

    /// Creates a request head.
    public init(method: String, target: String, version: HTTPVersion = .http1_1, headers: HTTPHeaders = HTTPHeaders()) {
        self.method = method
        self.target = target
        self.version = version
        self.headers = headers
    }

    /// The target before the first `?`, still percent-encoded. A slice of `target`, so routing
    /// a request does not allocate.
    public var path: Substring {
        guard let questionMark = target.utf8.firstIndex(of: UInt8(ascii: "?")) else {
            return target[...]
        }
        return target[..<questionMark]
    }

    /// The target after the first `?`, still percent-encoded; empty when there is none.
    public var query: String {
        guard let questionMark = target.utf8.firstIndex(of: UInt8(ascii: "?")) else {
            return ""
        }
        return String(target[target.utf8.index(after: questionMark)...])
    }

    /// Whether the connection may carry another request after this one's response (RFC 9112 §9.3):
    /// `Connection: close` always ends it; otherwise HTTP/1.1 persists by default and HTTP/1.0
    /// only with `Connection: keep-alive`.
    public var keepAlive: Bool {
        if headers.containsToken("close", in: "Connection") {
            return false
        }
        if version == .http1_0 {
            return headers.containsToken("keep-alive", in: "Connection")
        }
        return true
    }
}
