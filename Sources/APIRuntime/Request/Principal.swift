/// Who is calling: the authenticated user behind a token or an API key.
public struct Principal: Sendable, Equatable {
    public var userID: String
    public var username: String
    public var level: AccessLevel
    /// The session (refresh-token family) of an access token; nil for API keys.
    public var sessionID: String?
    /// The API key that authenticated the request; nil for access tokens.
    public var apiKeyID: String?

    public init(userID: String, username: String, level: AccessLevel, sessionID: String? = nil, apiKeyID: String? = nil) {
        self.userID = userID
        self.username = username
        self.level = level
        self.sessionID = sessionID
        self.apiKeyID = apiKeyID
    }
}
