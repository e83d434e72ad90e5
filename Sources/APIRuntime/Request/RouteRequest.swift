/// A request as the router needs it: transport-neutral.
public struct RouteRequest: Sendable {
    /// Upper-case method.
    public var method: String
    /// The path without the query string, still percent-encoded.
    public var path: String
    /// The query string without `?`.
    public var query: String
    /// The body bytes.
    public var body: [UInt8]
    /// The `Content-Type` header, if any.
    public var contentType: String?

    public init(method: String, path: String, query: String = "", body: [UInt8] = [], contentType: String? = nil) {
        self.method = method
        self.path = path
        self.query = query
        self.body = body
        self.contentType = contentType
    }

    /// Splits a request target (`/path?query`) into path and query.
    public init(method: String, target: String, body: [UInt8] = [], contentType: String? = nil) {
        if let mark = target.firstIndex(of: "?") {
            self.init(method: method, path: String(target[..<mark]), query: String(target[target.index(after: mark)...]),
                      body: body, contentType: contentType)
        } else {
            self.init(method: method, path: target, body: body, contentType: contentType)
        }
    }
}
