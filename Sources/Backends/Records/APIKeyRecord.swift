/// An API key; only its hash is stored, the secret is shown once at creation.
public struct APIKeyRecord: Sendable, Equatable {
    public var id: String
    public var userID: String
    public var name: String
    public var role: String
    /// The first characters of the key, shown in lists to tell keys apart.
    public var prefix: String
    public var keyHash: String
    public var createdAt: Int
    public var expiresAt: Int?
    public var lastUsedAt: Int?
    public var revokedAt: Int?

    public init(id: String, userID: String, name: String, role: String, prefix: String, keyHash: String, createdAt: Int,
                expiresAt: Int? = nil, lastUsedAt: Int? = nil, revokedAt: Int? = nil) {
        self.id = id
        self.userID = userID
        self.name = name
        self.role = role
        self.prefix = prefix
        self.keyHash = keyHash
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.lastUsedAt = lastUsedAt
        self.revokedAt = revokedAt
    }

    init(row: SQLRow) throws(StorageError) {
        self.init(
            id: try row.string("id"), userID: try row.string("user_id"), name: try row.string("name"),
            role: try row.string("role"), prefix: try row.string("prefix"), keyHash: try row.string("key_hash"),
            createdAt: try row.int("created_at"), expiresAt: try row.optionalInt("expires_at"),
            lastUsedAt: try row.optionalInt("last_used_at"), revokedAt: try row.optionalInt("revoked_at"))
    }
}
