import Backends
import Dispatch
import Foundation

/// Lifetimes and costs of the credentials the service issues.
public struct AuthSettings: Sendable {
    /// Access-token lifetime (API.md: `expires_in` 1800).
    public var accessTokenSeconds = 1800
    /// Refresh-token lifetime.
    public var refreshTokenSeconds = 14 * 24 * 3600
    /// An API key's `last_used_at` is written at most this often, so keys do not turn
    /// every read into a write.
    public var keyUsageGranularityMilliseconds = 60_000

    public init() {}
}
