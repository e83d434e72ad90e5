/// A delay that grows with repeated failures, for limits that must slow an attacker without
/// ever refusing the rightful owner (a password guessed from many addresses).
///
/// The first `freeFailures` failures cost nothing; each further one doubles the delay, from
/// `firstDelay` up to `maximumDelay`, where it stays.
public struct FailureBackoff: Sendable, Equatable {
    /// The delay after the first failure past the free ones.
    public static let firstDelay = Duration.milliseconds(50)

    /// Failures that cost no delay.
    public let freeFailures: Int
    /// The longest delay; `.zero` turns the backoff off.
    public let maximumDelay: Duration

    /// A backoff starting after `freeFailures` (at least 0) and capped at `maximumDelay`
    /// (at least zero).
    public init(freeFailures: Int, maximumDelay: Duration) {
        precondition(freeFailures >= 0, "free failures must not be negative")
        precondition(maximumDelay >= .zero, "the longest delay must not be negative")
        self.freeFailures = freeFailures
        self.maximumDelay = maximumDelay
    }

    /// The delay owed after `failures` failures.
    public func delay(afterFailures failures: Int) -> Duration {
        guard failures >= freeFailures, maximumDelay > .zero else { return .zero }
        // 2^30 × 50 ms is past any sensible ceiling; the shift cannot overflow.
        let doubled = Self.firstDelay * (1 << min(30, failures - freeFailures))
        return min(doubled, maximumDelay)
    }

    /// The fewest failures at which the delay reaches `maximumDelay`: counting further ones
    /// changes nothing, so a counter of failures needs no more room than this.
    public var saturatingFailures: Int {
        var failures = freeFailures
        while delay(afterFailures: failures) < maximumDelay { failures += 1 }
        return failures
    }
}
