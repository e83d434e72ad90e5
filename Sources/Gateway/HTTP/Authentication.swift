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
    /// Credentials were sent but refused (malformed, forged, expired, revoked, disabled user):
    /// a failure that counts against the client address (`CredentialFailureLimit`).
    case refused(APIError)
    /// Credentials were sent but could not be checked (the database is unavailable): the
    /// server's failure, not the client's, so it counts against nobody.
    case unverifiable(APIError)
}
