#if canImport(Glibc)
import Glibc
#endif

/// The outcome of one read or write on a stream.
public enum IOResult: Sendable, Equatable {
    /// This many bytes moved (never 0 for a read: end of stream is `.closed`).
    case bytes(Int)
    /// Nothing can move now; wait for readiness.
    case wouldBlock
    /// The peer closed the stream.
    case closed
    /// The stream failed with this `errno`.
    case failed(Int32)
}
