import Glibc
import Primitives
import Synchronization

/// Token buckets keyed by a string (a principal id, an IP, a connection id).
///
/// Each key's bucket holds up to `capacity` tokens; a request spends `cost` tokens or is
/// refused. Spent tokens come back either continuously (`refillPerSecond` a second) or,
/// for a limiter made with `limit:window:`, all at once when the key's window (which
/// starts at its first request) has passed: "1200 a minute" then means that the 1201st
/// request inside the minute is refused, as the API documents. The key map is split over
/// shards, each behind its own mutex, so threads working on different keys rarely
/// wait for each other. Memory is bounded by `maxKeys`: when a shard is full, buckets
/// that have refilled completely (idle keys, which lose nothing by being forgotten)
/// are dropped first; if that frees too little, the fullest buckets go next, since
/// they are the ones closest to being forgotten anyway. Each clean-up leaves an
/// eighth of the shard free, so its cost is spread over many new keys.
public final class RateLimiter: Sendable {
    /// Tokens a full bucket holds: the burst a fresh key may spend at once.
    public let capacity: Int
    /// Tokens added to a bucket every second.
    public let refillPerSecond: Double
    /// Most keys tracked at once.
    public let maxKeys: Int
    /// For a windowed limiter, the window's length in seconds; nil for continuous refill.
    public let window: Double?

    private let shards: [Shard]
    /// Slack for floating-point refill arithmetic, so 20 × 0.05 s counts as one token.
    private static let epsilon = 1e-9

    /// A limiter with `capacity` burst and `refillPerSecond` steady rate per key, tracking
    /// at most `maxKeys` keys. Preconditions: capacity ≥ 1, rate > 0, maxKeys ≥ 1.
    public init(capacity: Int, refillPerSecond: Double, maxKeys: Int = 100_000) {
        precondition(capacity >= 1, "rate limit capacity must be at least 1")
        precondition(refillPerSecond > 0 && refillPerSecond.isFinite, "rate limit refill must be positive")
        precondition(maxKeys >= 1, "rate limiter must track at least one key")
        self.capacity = capacity
        self.refillPerSecond = refillPerSecond
        self.maxKeys = maxKeys
        self.window = nil
        shards = Self.makeShards(maxKeys)
    }

    /// A windowed limiter: `limit` requests per key in each `seconds`-long window, the
    /// window starting at the key's first request after the previous one ended.
    public init(limit: Int, window seconds: Double, maxKeys: Int = 100_000) {
        precondition(limit >= 1, "rate limit must be at least 1")
        precondition(seconds > 0 && seconds.isFinite, "rate limit window must be positive")
        precondition(maxKeys >= 1, "rate limiter must track at least one key")
        capacity = limit
        refillPerSecond = Double(limit) / seconds
        self.maxKeys = maxKeys
        window = seconds
        shards = Self.makeShards(maxKeys)
    }

    private static func makeShards(_ maxKeys: Int) -> [Shard] {
        // Up to 16 shards, each tracking at least 1,024 keys: small limiters keep one
        // shard, so their clean-up sees every key.
        let shardCount = min(16, max(1, maxKeys / 1_024))
        return (0..<shardCount).map { index in
            Shard(limit: maxKeys / shardCount + (index < maxKeys % shardCount ? 1 : 0))
        }
    }

    /// `requests` per minute per key, counted in one-minute windows (REST: 1200; login: 10).
    public convenience init(requestsPerMinute requests: Int, maxKeys: Int = 100_000) {
        self.init(limit: requests, window: 60, maxKeys: maxKeys)
    }

    /// `requests` per second per key, as a burst of `requests` (WebSocket messages: 100).
    public convenience init(requestsPerSecond requests: Int, maxKeys: Int = 100_000) {
        self.init(capacity: requests, refillPerSecond: Double(requests), maxKeys: maxKeys)
    }

    /// Spends `cost` tokens of `key`'s bucket if it has them. `now` is in seconds on a
    /// monotonic clock (`RateLimiter.monotonicSeconds()`); a `now` earlier than the
    /// bucket's last update adds nothing. A cost above `capacity` is always refused.
    public func take(_ key: String, now: Double, cost: Int = 1) -> RateLimitDecision {
        precondition(cost >= 0, "rate limit cost must not be negative")
        let shard = shard(for: key)
        let capacity = Double(self.capacity)
        let refill = Refill(rate: refillPerSecond, window: window)
        let (bucket, allowed) = shard.buckets.withLock { buckets in
            var bucket: Bucket
            if let existing = buckets[key] {
                bucket = existing
                bucket.refill(at: now, capacity: capacity, refill: refill)
            } else {
                if buckets.count >= shard.limit {
                    Self.evict(from: &buckets, keeping: shard.limit - max(1, shard.limit / 8), now: now,
                               capacity: capacity, refill: refill)
                }
                bucket = Bucket(tokens: capacity, updatedAt: now)
            }
            let allowed = bucket.tokens + Self.epsilon >= Double(cost)
            if allowed { bucket.tokens = max(0, bucket.tokens - Double(cost)) }
            buckets[key] = bucket
            return (bucket, allowed)
        }
        return decision(bucket, allowed: allowed, cost: cost, now: now)
    }

    /// The decision `take` would give now, spending nothing and tracking no new key: for
    /// budgets spent only by some outcomes (a failed credential check), looked at before the
    /// work whose outcome decides.
    public func peek(_ key: String, now: Double, cost: Int = 1) -> RateLimitDecision {
        precondition(cost >= 0, "rate limit cost must not be negative")
        let capacity = Double(self.capacity)
        let refill = Refill(rate: refillPerSecond, window: window)
        var bucket = shard(for: key).buckets.withLock { $0[key] } ?? Bucket(tokens: capacity, updatedAt: now)
        bucket.refill(at: now, capacity: capacity, refill: refill)
        return decision(bucket, allowed: bucket.tokens + Self.epsilon >= Double(cost), cost: cost, now: now)
    }

    private func shard(for key: String) -> Shard {
        shards[Int(UInt(bitPattern: key.hashValue) % UInt(shards.count))]
    }

    /// What to tell the client about `bucket` (as it stands after the request) at `now`.
    private func decision(_ bucket: Bucket, allowed: Bool, cost: Int, now: Double) -> RateLimitDecision {
        let capacity = Double(self.capacity)
        let tokens = bucket.tokens
        let untilFull: Double
        let retryAfter: Int?
        if let window {
            // Everything comes back when the window ends.
            untilFull = tokens + Self.epsilon >= capacity ? 0 : bucket.updatedAt + window - now
            retryAfter = allowed ? nil : max(1, Int((untilFull - Self.epsilon).rounded(.up)))
        } else {
            untilFull = (capacity - tokens) / refillPerSecond
            if allowed {
                retryAfter = nil
            } else {
                let missing = cost <= self.capacity ? Double(cost) - tokens : capacity - tokens
                retryAfter = max(1, Int((missing / refillPerSecond - Self.epsilon).rounded(.up)))
            }
        }
        return RateLimitDecision(
            allowed: allowed, limit: self.capacity,
            remaining: max(0, Int((tokens + Self.epsilon).rounded(.down))),
            resetAfterSeconds: max(0, Int((untilFull - Self.epsilon).rounded(.up))),
            retryAfterSeconds: retryAfter)
    }

    /// Keys currently tracked (for metrics and tests); never above `maxKeys`.
    public var keyCount: Int {
        shards.reduce(0) { total, shard in total + shard.buckets.withLock { $0.count } }
    }

    /// Seconds on `CLOCK_MONOTONIC`, the clock `take(_:now:cost:)` expects.
    public static func monotonicSeconds() -> Double {
        Double(Timestamp.monotonicNanoseconds()) / 1_000_000_000
    }

    /// Drops full buckets, then the fullest others, until at most `target` remain.
    private static func evict(from buckets: inout [String: Bucket], keeping target: Int, now: Double,
                              capacity: Double, refill: Refill) {
        buckets = buckets.filter { $0.value.tokens(at: now, capacity: capacity, refill: refill) + epsilon < capacity }
        guard buckets.count > target else { return }
        let fullestFirst = buckets
            .map { (key: $0.key, tokens: $0.value.tokens(at: now, capacity: capacity, refill: refill)) }
            .sorted { $0.tokens > $1.tokens }
        for entry in fullestFirst.prefix(buckets.count - target) {
            buckets.removeValue(forKey: entry.key)
        }
    }
}

/// One slice of the key map with its own lock and its share of `maxKeys`.
private final class Shard: Sendable {
    let limit: Int
    let buckets = Mutex<[String: Bucket]>([:])

    init(limit: Int) {
        self.limit = limit
    }
}

/// How spent tokens come back: `rate` a second, or all at once after `window` seconds.
private struct Refill {
    var rate: Double
    var window: Double?
}

/// A key's token count as of `updatedAt` (for a windowed limiter: when its window began).
private struct Bucket {
    var tokens: Double
    var updatedAt: Double

    /// The token count at `now`, refilled but capped at `capacity`.
    func tokens(at now: Double, capacity: Double, refill: Refill) -> Double {
        if let window = refill.window { return now - updatedAt >= window ? capacity : tokens }
        return min(capacity, tokens + max(0, now - updatedAt) * refill.rate)
    }

    mutating func refill(at now: Double, capacity: Double, refill: Refill) {
        if let window = refill.window {
            if now - updatedAt >= window {
                tokens = capacity
                updatedAt = now
            }
            return
        }
        tokens = tokens(at: now, capacity: capacity, refill: refill)
        updatedAt = max(updatedAt, now)
    }
}
