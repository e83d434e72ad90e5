import Glibc

/// The answer of `RateLimiter.take`: whether the request may proceed, and what to
/// tell the client about its budget.
public struct RateLimitDecision: Sendable, Equatable {
    /// Whether the request fits in the budget (its tokens have been spent).
    public let allowed: Bool
    /// The bucket's capacity (the burst size).
    public let limit: Int
    /// Whole tokens left after this request.
    public let remaining: Int
    /// Whole seconds (rounded up) until the bucket is full again.
    public let resetAfterSeconds: Int
    /// When refused: whole seconds (rounded up, at least 1) until the request would
    /// fit; the `Retry-After` value. Nil when allowed.
    public let retryAfterSeconds: Int?

    /// A decision with every field given.
    public init(allowed: Bool, limit: Int, remaining: Int, resetAfterSeconds: Int, retryAfterSeconds: Int?) {
        self.allowed = allowed
        self.limit = limit
        self.remaining = remaining
        self.resetAfterSeconds = resetAfterSeconds
        self.retryAfterSeconds = retryAfterSeconds
    }

    /// Response headers describing the decision: `X-RateLimit-Limit`,
    /// `X-RateLimit-Remaining`, `X-RateLimit-Reset` (the epoch second the budget is whole
    /// again), and `Retry-After` (seconds)
    /// when refused.
    public var headerFields: [(name: String, value: String)] {
        var fields = [
            (name: "X-RateLimit-Limit", value: String(limit)),
            (name: "X-RateLimit-Remaining", value: String(remaining)),
            (name: "X-RateLimit-Reset", value: String(Int(time(nil)) + resetAfterSeconds)),
        ]
        if let retryAfterSeconds { fields.append((name: "Retry-After", value: String(retryAfterSeconds))) }
        return fields
    }
}
