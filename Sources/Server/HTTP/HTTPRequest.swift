/// A complete request: its head and its whole body, de-chunked when it arrived chunked.
public struct HTTPRequest: Sendable, Equatable {
    /// The request line and header fields.
    public var head: HTTPRequestHead
    /// The body bytes; empty when the request had none.
    public var body: [UInt8]

    /// Creates a request.
    public init(head: HTTPRequestHead, body: [UInt8] = []) {
        self.head = head
        self.body = body
    }
}
