import Generated
import Security
import Server

/// Who may read `/metrics`. Open by default, as Prometheus scrapers expect; with `token`, only
/// requests carrying `Authorization: Bearer <token>`; with `allowlist`, only clients inside it
/// (`X-Forwarded-For` believed from trusted proxies only, like everywhere else). Either way
/// `/metrics` is metered like any anonymous request (`x-rate-class: standard`).
public struct MetricsAccess: Sendable {
    /// SHA-256 of the token: a fixed-size value to compare in constant time, so neither the
    /// token's bytes nor its length show in how long a refusal takes.
    private let tokenDigest: [UInt8]?
    /// The client addresses that may read the metrics (empty: all).
    public let allowlist: IPAllowlist

    /// Access for requests with `token` (nil: no token needed) from clients in `allowlist`.
    public init(token: String? = nil, allowlist: IPAllowlist = IPAllowlist([])) {
        tokenDigest = token.map(SHA256Digest.hash)
        self.allowlist = allowlist
    }

    /// Whether anything is restricted.
    public var isOpen: Bool { tokenDigest == nil && allowlist.allowsAll }

    /// Why a request from `client` may not read the metrics (403 `IP_NOT_ALLOWED`, then 401
    /// `MISSING_TOKEN` or `INVALID_TOKEN`), or nil when it may.
    public func refusal(of head: HTTPRequestHead, client: String) -> APIError? {
        guard allowlist.allows(client) else {
            return APIError(.ipNotAllowed, message: "Address \(client) may not read the metrics")
        }
        guard let tokenDigest else { return nil }
        guard let authorization = head.headers["Authorization"] else {
            return APIError(.missingToken, message: "The metrics need Authorization: Bearer <metrics token>")
        }
        let parts = authorization.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer",
              ConstantTime.equals(SHA256Digest.hash(String(parts[1]).trimmingSpaces), tokenDigest) else {
            return APIError(.invalidToken, message: "Invalid metrics token: use Authorization: Bearer <metrics token>")
        }
        return nil
    }
}
