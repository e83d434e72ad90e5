import Security

/// Flood control for the messages of one WebSocket connection: a token bucket of
/// `messagesPerSecond` (that many at once, refilled at that rate), with a way out for clients
/// that do not slow down.
///
/// A message over the limit is refused: it is not processed, and the client is told
/// (`RATE_LIMITED`) at most once a second, so a flood does not double the traffic. A client
/// that keeps being refused for more than `maximumFloodSeconds` in a row (refusals less than
/// a second apart), or that sends more than `disconnectMultiple` times the limit within one
/// second, is disconnected. Frame-level pings and pongs never reach the guard.
struct WebSocketFloodGuard {
    /// What to do with one client message.
    enum Verdict: Equatable {
        /// Within the limit: process it.
        case accept
        /// Over the limit: drop it; with `notify`, tell the client (`RATE_LIMITED`).
        case refuse(notify: Bool)
        /// The flood goes on: close the connection with 1008 (policy violation).
        case disconnect(reason: String)
        /// The connection is already being closed for flooding: drop it silently.
        case ignore
    }

    /// Messages per second the client may send.
    let messagesPerSecond: Int
    /// How long a flood may last before the connection is closed, in seconds.
    static let maximumFloodSeconds = 2.0
    /// A second with more than this many times `messagesPerSecond` messages closes at once.
    static let disconnectMultiple = 3
    /// A gap without refusals this long (seconds) ends a flood; the next one starts afresh.
    static let floodGapSeconds = 1.0

    /// One bucket, one key: the limiter is this connection's alone.
    private let bucket: RateLimiter
    /// When the current flood began (its first refusal), nil when none is going on.
    private var floodStartedAt: Double?
    private var lastRefusedAt: Double = 0
    private var lastNotifiedAt: Double?
    /// Messages counted in the current one-second window and when that window began.
    private var windowStartedAt: Double?
    private var windowCount = 0
    private var disconnected = false

    /// A guard allowing `messagesPerSecond` messages a second (at least 1).
    init(messagesPerSecond: Int) {
        self.messagesPerSecond = max(1, messagesPerSecond)
        bucket = RateLimiter(requestsPerSecond: self.messagesPerSecond, maxKeys: 1)
    }

    /// The verdict on a message arriving at `now` (seconds on a monotonic clock).
    mutating func admit(now: Double) -> Verdict {
        guard !disconnected else { return .ignore }
        if let start = windowStartedAt, now - start < 1 {
            windowCount += 1
        } else {
            windowStartedAt = now
            windowCount = 1
        }
        if windowCount > messagesPerSecond * Self.disconnectMultiple {
            return disconnect("more than \(messagesPerSecond * Self.disconnectMultiple) messages in one second")
        }
        if bucket.take("", now: now).allowed { return .accept }

        if floodStartedAt == nil || now - lastRefusedAt >= Self.floodGapSeconds { floodStartedAt = now }
        lastRefusedAt = now
        if let start = floodStartedAt, now - start > Self.maximumFloodSeconds {
            return disconnect("over \(messagesPerSecond) messages per second for more than \(Int(Self.maximumFloodSeconds)) seconds")
        }
        if let notified = lastNotifiedAt, now - notified < 1 { return .refuse(notify: false) }
        lastNotifiedAt = now
        return .refuse(notify: true)
    }

    /// The text of the `RATE_LIMITED` error a refused client receives.
    var refusalMessage: String {
        "Rate limit exceeded: at most \(messagesPerSecond) messages per second; messages over it are not processed"
    }

    private mutating func disconnect(_ reason: String) -> Verdict {
        disconnected = true
        return .disconnect(reason: "message rate limit: " + reason)
    }
}
