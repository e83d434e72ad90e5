/// Transport facts about an upgraded connection: the upgrade request that opened it and who
/// is behind it. Its log lines name the same request id and addresses.
public struct WebSocketContext: Sendable, Equatable {
    /// The upgrade's `X-Request-Id`: the client's when it sent a sane one, else generated.
    public var requestID: String
    /// The path upgraded (`/ws`), without the query.
    public var path: String
    /// The peer's IP address.
    public var remoteAddress: String
    /// The client as the endpoint names it (`WebSocketEndpoint.clientAddress(of:remoteAddress:)`):
    /// the address its per-address connection cap counts.
    public var clientAddress: String

    /// Creates a context.
    public init(requestID: String, path: String, remoteAddress: String, clientAddress: String) {
        self.requestID = requestID
        self.path = path
        self.remoteAddress = remoteAddress
        self.clientAddress = clientAddress
    }

    /// A log line about this connection: `path`, `request_id`, `remote` and `client`.
    public func logLine(_ level: LogLine.Level, _ message: String) -> LogLine {
        var line = LogLine(level, message)
        line.add("path", path)
        line.add("request_id", requestID)
        line.add("remote", remoteAddress)
        line.add("client", clientAddress)
        return line
    }
}
