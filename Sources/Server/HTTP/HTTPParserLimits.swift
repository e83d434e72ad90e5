/// Bounds on what one request may make a connection buffer, so a client cannot exhaust memory
/// by sending an endless head or body.
public struct HTTPParserLimits: Sendable {
    /// The most bytes the head may take, from the first byte of the request line through the
    /// blank line that ends the header section. A chunked body's trailer section has the same bound.
    public var maxHeaderBytes: Int
    /// The most bytes a body may have (after de-chunking).
    public var maxBodyBytes: Int

    /// Creates limits; the defaults suit an API server whose requests are small JSON documents.
    public init(maxHeaderBytes: Int = 16 * 1024, maxBodyBytes: Int = 1 << 20) {
        self.maxHeaderBytes = maxHeaderBytes
        self.maxBodyBytes = maxBodyBytes
    }
}
