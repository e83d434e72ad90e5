/// A user account.
public struct UserRecord: Sendable, Equatable {
    public var id: String
    public var username: String
    /// The encoded password hash (algorithm, parameters, salt and hash).
    public var passwordHash: String
    /// `viewer`, `trader` or `admin`.
    public var role: String
    public var disabled: Bool
    public var createdAt: Int
    public var updatedAt: Int

    public init(id: String, username: String, passwordHash: String, role: String, disabled: Bool = false, createdAt: Int, updatedAt: Int) {
        self.id = id
        self.username = username
        self.passwordHash = passwordHash
        self.role = role
        self.disabled = disabled
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    init(row: SQLRow) throws(StorageError) {
        self.init(
            id: try row.string("id"), username: try row.string("username"), passwordHash: try row.string("password_hash"),
            role: try row.string("role"), disabled: try row.bool("disabled"), createdAt: try row.int("created_at"),
            updatedAt: try row.int("updated_at"))
    }
}
