/// An HTTP protocol version as it appears on the request line (`HTTP/1.1`).
public struct HTTPVersion: Sendable, Equatable {
    /// The digit before the dot.
    public var major: Int
    /// The digit after the dot.
    public var minor: Int

    /// Creates the version `HTTP/major.minor`.
    public init(major: Int, minor: Int) {
        self.major = major
        self.minor = minor
    }

    /// HTTP/1.0: connections close after each response unless the client asks to keep them.
    public static let http1_0 = HTTPVersion(major: 1, minor: 0)
    /// HTTP/1.1: connections persist unless either side says `Connection: close`.
    public static let http1_1 = HTTPVersion(major: 1, minor: 1)
}
