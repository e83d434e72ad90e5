/// A refresh token, stored by hash. Tokens issued from one login form a family; presenting
/// a spent token revokes its whole family.
public struct RefreshTokenRecord: Sendable, Equatable {
    public var id: String
    public var userID: String
    public var familyID: String
    public var tokenHash: String
    public var createdAt: Int
    public var expiresAt: Int
    public var spentAt: Int?
    public var revokedAt: Int?

    public init(id: String, userID: String, familyID: String, tokenHash: String, createdAt: Int, expiresAt: Int,
                spentAt: Int? = nil, revokedAt: Int? = nil) {
        self.id = id
        self.userID = userID
        self.familyID = familyID
        self.tokenHash = tokenHash
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.spentAt = spentAt
        self.revokedAt = revokedAt
    }

    init(row: SQLRow) throws(StorageError) {
        self.init(
            id: try row.string("id"), userID: try row.string("user_id"), familyID: try row.string("family_id"),
            tokenHash: try row.string("token_hash"), createdAt: try row.int("created_at"), expiresAt: try row.int("expires_at"),
            spentAt: try row.optionalInt("spent_at"), revokedAt: try row.optionalInt("revoked_at"))
    }
}
