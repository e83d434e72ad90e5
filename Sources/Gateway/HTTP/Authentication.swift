import Generated
import Security
import Server
import APIRuntime
import Accounts
import Handlers

/// Who a request's credentials name, if anyone.
public enum Authentication: Sendable {
    /// No credentials were sent.
    case anonymous
    /// Valid credentials.
    case principal(Principal)
    /// Credentials were sent but refused (malformed, forged, expired, revoked, disabled user).
    case refused(APIError)
}
