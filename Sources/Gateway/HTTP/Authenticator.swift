import Generated
import Security
import Server
import APIRuntime
import Accounts
import Handlers

/// Identifies the caller of a request from its headers.
public typealias Authenticator = @Sendable (HTTPRequestHead) async -> Authentication
