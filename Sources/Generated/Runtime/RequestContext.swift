import Server

/// The role levels of the API; a level includes every lower one.
public enum AccessLevel: Int, Sendable, Comparable, CaseIterable {
    case `public` = 0
    case viewer = 10
    case trader = 50
    case admin = 100

    public static func < (lhs: AccessLevel, rhs: AccessLevel) -> Bool { lhs.rawValue < rhs.rawValue }

    /// The level named by a role string (`viewer`, `trader`, `admin`).
    public init?(roleName: String) {
        switch roleName {
        case "viewer": self = .viewer
        case "trader": self = .trader
        case "admin": self = .admin
        default: return nil
        }
    }
}

/// Who is calling: the authenticated user behind a token or an API key.
public struct Principal: Sendable, Equatable {
    public var userID: String
    public var username: String
    public var level: AccessLevel
    /// The session (refresh-token family) of an access token; nil for API keys.
    public var sessionID: String?
    /// The API key that authenticated the request; nil for access tokens.
    public var apiKeyID: String?

    public init(userID: String, username: String, level: AccessLevel, sessionID: String? = nil, apiKeyID: String? = nil) {
        self.userID = userID
        self.username = username
        self.level = level
        self.sessionID = sessionID
        self.apiKeyID = apiKeyID
    }
}

/// What a handler knows about the request besides its typed input.
public struct RequestContext: Sendable {
    /// The `X-Request-Id` of the request.
    public var requestID: String
    /// The authenticated caller, nil for anonymous requests.
    public var principal: Principal?
    /// The peer's address (after trusted proxies).
    public var remoteAddress: String
    /// The request headers as received (names compare case-insensitively).
    public var headers: HTTPHeaders

    public init(requestID: String, principal: Principal? = nil, remoteAddress: String = "", headers: HTTPHeaders = HTTPHeaders()) {
        self.requestID = requestID
        self.principal = principal
        self.remoteAddress = remoteAddress
        self.headers = headers
    }

    /// The first value of a header, by case-insensitive name.
    public func header(_ name: String) -> String? {
        headers[name]
    }
}

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

/// A response ready for the transport.
public struct RenderedResponse: Sendable, Equatable {
    public var status: Int
    public var contentType: String?
    public var body: [UInt8]
    /// Extra headers (`Allow`, `Retry-After`, …).
    public var headers: [(name: String, value: String)]

    public init(status: Int, contentType: String?, body: [UInt8], headers: [(name: String, value: String)] = []) {
        self.status = status
        self.contentType = contentType
        self.body = body
        self.headers = headers
    }

    /// A JSON response.
    public static func json<Body: JSONEncodable>(_ status: Int, _ body: Body) -> RenderedResponse {
        RenderedResponse(status: status, contentType: "application/json", body: JSONWriter.encode(body))
    }

    /// A text response with its media type.
    public static func text(_ status: Int, _ text: String, contentType: String) -> RenderedResponse {
        RenderedResponse(status: status, contentType: contentType, body: Array(text.utf8))
    }

    public static func == (lhs: RenderedResponse, rhs: RenderedResponse) -> Bool {
        lhs.status == rhs.status && lhs.contentType == rhs.contentType && lhs.body == rhs.body
            && lhs.headers.elementsEqual(rhs.headers, by: { $0 == $1 })
    }
}

/// A response type generated per operation: one case per documented response.
public protocol ResponseRendering: Sendable {
    /// Status, media type and body bytes.
    func render() -> RenderedResponse
}

/// Reads a JSON request body for a generated input decoder.
public enum BodyReader {
    /// Decodes the body as `Body`. An empty body is "required" when the body is required and
    /// nil otherwise; malformed JSON or the wrong media type is one issue at `body`.
    public static func decode<Body: JSONDecodable>(
        _ request: RouteRequest, required: Bool, issues: inout [FieldIssue]
    ) -> Body? {
        guard !request.body.isEmpty else {
            if required { issues.append(FieldIssue("body", "is required")) }
            return nil
        }
        if let contentType = request.contentType {
            let media = contentType.split(separator: ";").first.map { $0.trimmingSpaces.lowercased() } ?? ""
            guard media == "application/json" || media.hasSuffix("+json") else {
                issues.append(FieldIssue("body", "must be application/json, not \(media)"))
                return nil
            }
        }
        let json: JSONValue
        do {
            json = try JSONParser.parse(request.body)
        } catch {
            issues.append(FieldIssue("body", error.description))
            return nil
        }
        return Body.decode(json, at: "body", issues: &issues)
    }
}

extension Substring {
    var trimmingSpaces: Substring {
        var result = self
        while result.first == " " || result.first == "\t" { result = result.dropFirst() }
        while result.last == " " || result.last == "\t" { result = result.dropLast() }
        return result
    }
}
