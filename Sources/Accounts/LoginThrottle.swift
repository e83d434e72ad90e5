import Security

/// Limits password guessing without letting anyone lock a user out.
///
/// Two counters, both in memory:
/// - attempts per (username, client address), `attemptsPerMinute` in one-minute windows:
///   past them that pair is refused (429) until its window ends. One address cannot keep
///   guessing one password; the user's own address and every other one are untouched.
/// - failed logins per username from every address, forgotten at `backoff.freeFailures` a
///   minute: past the free ones each attempt for that username waits a delay that doubles
///   with the failures, up to `backoff.maximumDelay`. This only slows guessing spread over
///   many addresses; it never refuses, so the right password always gets in.
///
/// The delay is a suspension (`Task.sleep`), not a blocked thread, so waiting logins hold no
/// event loop and no worker. The `auth` rate class of the gateway bounds each address's login
/// and refresh requests in all.
public final class LoginThrottle: Sendable {
    /// Attempts per minute for one username from one address.
    public let attemptsPerMinute: Int
    /// The delay schedule of the per-username failures.
    public let backoff: FailureBackoff
    private let attempts: RateLimiter
    /// One token a failure, `backoff.saturatingFailures` of them: failures are the tokens missing.
    private let failures: RateLimiter?

    /// A throttle allowing `attemptsPerMinute` (at least 1) logins a minute per username and
    /// address, slowing a username's logins after failures by `backoff`; `maxKeys` bounds each
    /// counter's memory.
    public init(attemptsPerMinute: Int, backoff: FailureBackoff, maxKeys: Int = 100_000) {
        self.attemptsPerMinute = attemptsPerMinute
        self.backoff = backoff
        attempts = RateLimiter(requestsPerMinute: attemptsPerMinute, maxKeys: maxKeys)
        failures = backoff.maximumDelay == .zero ? nil : RateLimiter(
            capacity: max(1, backoff.saturatingFailures), refillPerSecond: Double(max(1, backoff.freeFailures)) / 60,
            maxKeys: maxKeys)
    }

    /// Spends one attempt of `username` from `address`; the decision says whether it may go on
    /// (and, refused, when to retry).
    public func admit(username: String, address: String?, now: Double) -> RateLimitDecision {
        attempts.take(Self.pairKey(username: username, address: address), now: now)
    }

    /// How long an attempt for `username` waits before its password is checked.
    public func delay(for username: String, now: Double) -> Duration {
        guard let failures else { return .zero }
        let budget = failures.peek(username, now: now)
        return backoff.delay(afterFailures: budget.limit - budget.remaining)
    }

    /// Counts a failed login for `username` (wrong password, unknown user, disabled account).
    public func recordFailure(of username: String, now: Double) {
        _ = failures?.take(username, now: now)
    }

    /// A NUL cannot occur in an address, so no two pairs share a key.
    private static func pairKey(username: String, address: String?) -> String {
        (address ?? "") + "\u{0}" + username
    }
}
