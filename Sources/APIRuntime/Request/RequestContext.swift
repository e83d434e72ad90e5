/// What a handler knows about the request besides its typed input.
public struct RequestContext: Sendable {
    /// The `X-Request-Id` of the request.
    public var requestID: String
    /// The authenticated caller, nil for anonymous requests.
    public var principal: Principal?
    /// The peer's address (after trusted proxies).
    public var remoteAddress: String
    /// The request headers as received (names compare case-insensitively).
    public var headers: RequestHeaders

    public init(requestID: String, principal: Principal? = nil, remoteAddress: String = "", headers: RequestHeaders = RequestHeaders()) {
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
