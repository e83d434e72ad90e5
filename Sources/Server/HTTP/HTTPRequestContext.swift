/// Transport facts about a request.
public struct HTTPRequestContext: Sendable {
    /// `X-Request-Id`: the client's when it sent a sane one, else generated.
    public var requestID: String
    /// The peer's IP address.
    public var remoteAddress: String

    public init(requestID: String, remoteAddress: String) {
        self.requestID = requestID
        self.remoteAddress = remoteAddress
    }
}
