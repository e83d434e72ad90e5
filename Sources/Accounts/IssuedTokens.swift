import Backends
import Dispatch
import Foundation

/// Tokens handed out at login and refresh.
public struct IssuedTokens: Sendable, Equatable {
    public var accessToken: String
    public var refreshToken: String
    /// Seconds the access token lives.
    public var expiresIn: Int
}
