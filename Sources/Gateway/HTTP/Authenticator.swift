import Generated
import Security
import Server
import APIRuntime
import Accounts
import Handlers

/// Identifies the caller of a request from its headers.
public typealias Authenticator = @Sendable (HTTPRequestHead) async -> Authentication

/// Identifies the caller from memory alone, without waiting (on an event loop): the same
/// answer `Authenticator` would give, or nil when only it can tell (a token not cached yet,
/// an API key whose use is recorded).
public typealias ImmediateAuthenticator = @Sendable (HTTPRequestHead) -> Authentication?
