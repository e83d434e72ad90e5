/// A response as a responder builds it; the connection adds `Date`, `Content-Length`,
/// `Connection`, `X-Request-Id` and the CORS headers when it writes it.
public struct HTTPResponse: Sendable, Equatable {
    public var status: Int
    public var headers: HTTPHeaders
    public var body: [UInt8]

    public init(status: Int, headers: HTTPHeaders = HTTPHeaders(), body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// A response with a media type.
    public init(status: Int, contentType: String, body: [UInt8]) {
        self.init(status: status, headers: HTTPHeaders([("Content-Type", contentType)]), body: body)
    }
}

/// Answers HTTP requests. Runs on Swift's concurrency pool, off the event loops: a responder
/// may await anything, and blocking work belongs on a pool of its own.
public protocol HTTPResponder: Sendable {
    /// The response to one request.
    func respond(to request: HTTPRequest, context: HTTPRequestContext) async -> HTTPResponse
}

/// Transport facts about a request.
public struct HTTPRequestContext: Sendable {
    /// `X-Request-Id`: the client's when it sent a sane one, else generated.
    public var requestID: String
    /// The peer's IP address.
    public var remoteAddress: String
}
