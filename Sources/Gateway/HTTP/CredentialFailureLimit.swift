import Generated
import Security
import APIRuntime

/// Failed credential checks counted per client address: bad, expired or malformed bearer
/// tokens, unknown or revoked API keys, and bad tokens in `/ws` `auth` messages or `?token=`.
///
/// Only failures spend the budget (`limit` a minute, in one-minute windows); good credentials
/// never do. Once an address has spent it, every credential it presents, good or bad, is
/// answered 429 `RATE_LIMITED` without being checked, until its window ends: checking them
/// would tell a guesser which one was right, and would cost a lookup each. Other addresses,
/// and requests from it without credentials, are untouched.
public struct CredentialFailureLimit: Sendable {
    /// Failures allowed per address and minute.
    public var limit: Int { limiter.capacity }
    private let limiter: RateLimiter

    /// `perMinute` (at least 1) failures per address; `maxKeys` bounds the addresses tracked.
    public init(perMinute: Int, maxKeys: Int = 100_000) {
        limiter = RateLimiter(requestsPerMinute: perMinute, maxKeys: maxKeys)
    }

    /// The 429 for `address` when its failures are spent; nil while it may present credentials.
    public func refusal(for address: String) -> APIError? {
        let decision = limiter.peek(address, now: RateLimiter.monotonicSeconds())
        return decision.allowed ? nil : Self.refusal(decision)
    }

    /// Counts a failed check from `address`. Returns the 429 when this failure found the
    /// budget already spent (checks that raced past `refusal(for:)`), nil otherwise.
    @discardableResult
    public func recordFailure(from address: String) -> APIError? {
        let decision = limiter.take(address, now: RateLimiter.monotonicSeconds())
        return decision.allowed ? nil : Self.refusal(decision)
    }

    private static func refusal(_ decision: RateLimitDecision) -> APIError {
        APIError(.rateLimited,
                 message: "Too many failed authentications from this address; retry in \(decision.retryAfterSeconds ?? 1) s",
                 headers: decision.headerFields)
    }
}
