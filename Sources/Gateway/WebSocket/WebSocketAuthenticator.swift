import Generated
import Security
import Server
import Primitives
import APIRuntime
import Accounts

/// Checks the token of an `auth` message or of `?token=` on the connect URL and names the
/// caller behind it.
public typealias WebSocketAuthenticator = @Sendable (String) async throws(AuthError) -> Identity
