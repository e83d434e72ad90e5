
/// An authenticated caller: the user behind an access token or an API key, with the role
/// that applies now (the user's current role, or the key's if lower).
public struct Identity: Sendable, Equatable {
    /// How the caller proved who they are.
    public enum Credential: Sendable, Equatable {
        /// An access token of a refresh-token family (logout revokes the family).
        case accessToken(familyID: String)
        /// An API key, by id.
        case apiKey(id: String)
    }

    public var userID: String
    public var username: String
    /// `viewer`, `trader` or `admin`.
    public var role: String
    public var credential: Credential

    public init(userID: String, username: String, role: String, credential: Credential) {
        self.userID = userID
        self.username = username
        self.role = role
        self.credential = credential
    }
}
