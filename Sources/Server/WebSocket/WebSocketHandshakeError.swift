/// Why an upgrade request was refused, as the HTTP response to send instead of 101.
public struct WebSocketHandshakeError: Error, Sendable, Equatable {
    /// The HTTP status: 400, or 426 when the client asked for another protocol version.
    public var status: Int
    /// A human-readable explanation for the response body and logs.
    public var message: String
    /// Extra response headers, e.g. `Sec-WebSocket-Version: 13` with 426.
    public var headers: [(name: String, value: String)]

    /// Creates a refusal.
    public init(status: Int, message: String, headers: [(name: String, value: String)] = []) {
        self.status = status
        self.message = message
        self.headers = headers
    }

    /// Compares field by field; written out because tuples are not `Equatable`.
    public static func == (lhs: WebSocketHandshakeError, rhs: WebSocketHandshakeError) -> Bool {
        lhs.status == rhs.status && lhs.message == rhs.message
            && lhs.headers.elementsEqual(rhs.headers) { $0.name == $1.name && $0.value == $1.value }
    }
}
