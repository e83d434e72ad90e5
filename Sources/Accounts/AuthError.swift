import Backends
import Security

/// Why an authentication or account operation was refused. The handlers map each case to an
/// API error code (`APIError.init(_: AuthError)`), in one place.
public enum AuthError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Wrong username or password, or a disabled account (never said which).
    case invalidCredentials
    /// A change of the caller's own password without their current password, or with a
    /// wrong one; `reason` says which.
    case currentPasswordRefused(reason: String)
    /// A token or key that is malformed, forged, revoked, spent or whose user is disabled.
    case invalidToken(reason: String)
    /// An access or refresh token past its expiry.
    case tokenExpired
    /// Too many login attempts for this username from this address (`LoginThrottle`); the
    /// decision says when to retry.
    case rateLimited(RateLimitDecision)
    /// The caller may not do this (a key role above the owner's, a key created with a key,
    /// someone else's key).
    case forbidden(reason: String)
    /// The named user or key does not exist (or is not the caller's).
    case notFound(String)
    /// A conflict with the current state: a username already taken, an admin disabling,
    /// demoting or deleting itself, an API key expiry that is not in the future.
    case conflict(String)
    /// Input that breaks a rule of its own (password length, empty name, unknown role).
    case invalid(field: String, reason: String)
    /// The store failed; `unavailable` means retry later.
    case storage(StorageError)
    /// libcrypto could not produce randomness or a hash.
    case crypto(SecurityError)

    /// A message safe to show the client: it names no secret and, for credentials, does
    /// not say whether the username exists.
    public var description: String {
        switch self {
        case .invalidCredentials: return "Invalid username or password"
        case .currentPasswordRefused(let reason): return "current_password \(reason)"
        case .invalidToken(let reason): return "Invalid token: \(reason)"
        case .tokenExpired: return "Token expired"
        case .rateLimited(let decision):
            return "Too many login attempts for this user from this address; retry in \(decision.retryAfterSeconds ?? 1) s"
        case .forbidden(let reason): return reason
        case .notFound(let what): return "\(what) not found"
        case .conflict(let what): return what
        case .invalid(let field, let reason): return "\(field): \(reason)"
        case .storage(.unavailable), .storage(.timeout): return "Database unavailable, retry later"
        case .storage(.uniqueViolation): return "Conflict with an existing record"
        case .storage, .crypto: return "Internal error"
        }
    }
}
