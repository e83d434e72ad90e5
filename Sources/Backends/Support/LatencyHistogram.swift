import Synchronization

/// Durations counted in fixed buckets, for a Prometheus histogram. `observe` is one relaxed
/// atomic add per bucket hit plus one for the sum, so callers on many threads never wait for
/// each other; a reader sees each counter exact, the set of them a moment apart.
public final class LatencyHistogram: Sendable {
    /// Upper bounds in seconds of the default buckets: half a millisecond to ten seconds.
    public static let defaultBounds: [Double] = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]

    /// The most buckets a histogram has (bounds past it are ignored).
    public static let maximumBuckets = 31

    /// Upper bounds in seconds, ascending; one more bucket counts what is above the last.
    public let bounds: [Double]
    /// Counts per bucket (not cumulative); index `bounds.count` is the overflow.
    private let counts: InlineArray<32, Atomic<Int>>
    private let sumMicroseconds = Atomic<Int>(0)

    /// A histogram with buckets up to each of `bounds` (sorted, at most `maximumBuckets`).
    public init(bounds: [Double] = LatencyHistogram.defaultBounds) {
        self.bounds = Array(bounds.filter { $0.isFinite && $0 > 0 }.sorted().prefix(Self.maximumBuckets))
        counts = InlineArray { _ in Atomic(0) }
    }

    /// Counts one duration.
    public func observe(_ duration: Duration) {
        let (seconds, attoseconds) = duration.components
        let microseconds = Int(seconds) * 1_000_000 + Int(attoseconds / 1_000_000_000_000)
        let value = Double(microseconds) / 1_000_000
        var index = 0
        while index < bounds.count && value > bounds[index] { index += 1 }
        counts[index].wrappingAdd(1, ordering: .relaxed)
        sumMicroseconds.wrappingAdd(max(0, microseconds), ordering: .relaxed)
    }

    /// The cumulative counts (`le` each bound, then `+Inf`), the sum in seconds, and the count.
    public var snapshot: (cumulative: [Int], sum: Double, count: Int) {
        var cumulative: [Int] = []
        var running = 0
        for index in 0...bounds.count {
            running += counts[index].load(ordering: .relaxed)
            cumulative.append(running)
        }
        return (cumulative, Double(sumMicroseconds.load(ordering: .relaxed)) / 1_000_000, running)
    }
}
