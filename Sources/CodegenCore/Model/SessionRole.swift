/// What an operation does to the caller's session, from its `x-session` extension: the
/// generated TypeScript client keeps the token pair that `login` and `refresh` answer with,
/// and forgets it on `logout`.
public enum SessionRole: String, Sendable, Equatable, CaseIterable {
    /// Answers a new token pair for credentials.
    case login
    /// Answers a new token pair for a refresh token, which it spends.
    case refresh
    /// Ends the session.
    case logout
}
