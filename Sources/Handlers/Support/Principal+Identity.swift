import Generated
import Security
import APIRuntime
import Accounts

/// The two views of an authenticated caller: the router's `Principal` and the Security
/// layer's `Identity`, converted in one place.
extension Principal {
    /// The principal of `identity` at `level`, with its session or API key.
    public init(_ identity: Identity, level: AccessLevel) {
        self.init(userID: identity.userID, username: identity.username, level: level)
        switch identity.credential {
        case .accessToken(let familyID): sessionID = familyID
        case .apiKey(let id): apiKeyID = id
        }
    }
}

extension Identity {
    /// The identity behind a principal (an access token when it names no API key).
    public init(_ principal: Principal) {
        let credential: Credential
        if let key = principal.apiKeyID {
            credential = .apiKey(id: key)
        } else {
            credential = .accessToken(familyID: principal.sessionID ?? "")
        }
        self.init(userID: principal.userID, username: principal.username, role: principal.level.name, credential: credential)
    }
}
