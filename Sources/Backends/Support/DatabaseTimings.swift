/// How long the transactions run through a `Backend` take, reads and writes apart, from
/// asking for a connection to the end (waiting for a connection included).
public final class DatabaseTimings: Sendable {
    /// `Backend.read` transactions.
    public let reads = LatencyHistogram()
    /// `Backend.write` transactions.
    public let writes = LatencyHistogram()

    public init() {}
}
