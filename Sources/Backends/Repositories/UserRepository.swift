/// Users.
public struct UserRepository {
    let connection: any SQLConnection
    private static let columns = "id, username, password_hash, role, disabled, created_at, updated_at"

    /// Adds a user; a taken username is `.uniqueViolation`.
    public func insert(_ user: UserRecord) throws(StorageError) {
        try connection.execute(
            "INSERT INTO users (\(Self.columns)) VALUES ($1, $2, $3, $4, $5, $6, $7)",
            user.id, user.username, user.passwordHash, user.role, user.disabled, user.createdAt, user.updatedAt)
    }

    public func find(id: String) throws(StorageError) -> UserRecord? {
        try connection.query("SELECT \(Self.columns) FROM users WHERE id = $1", id).first.map(UserRecord.init)
    }

    public func find(username: String) throws(StorageError) -> UserRecord? {
        try connection.query("SELECT \(Self.columns) FROM users WHERE username = $1", username).first.map(UserRecord.init)
    }

    /// Users by creation time, oldest first.
    public func list(limit: Int = 100, offset: Int = 0) throws(StorageError) -> [UserRecord] {
        try connection.query("SELECT \(Self.columns) FROM users ORDER BY created_at, id LIMIT $1 OFFSET $2", limit, offset)
            .map(UserRecord.init)
    }

    public func count() throws(StorageError) -> Int {
        try connection.query("SELECT COUNT(*) AS n FROM users").first?.int("n") ?? 0
    }

    /// Replaces a user's mutable fields; false when there is no such user.
    @discardableResult
    public func update(_ user: UserRecord) throws(StorageError) -> Bool {
        try connection.execute(
            "UPDATE users SET username = $2, password_hash = $3, role = $4, disabled = $5, updated_at = $6 WHERE id = $1",
            user.id, user.username, user.passwordHash, user.role, user.disabled, user.updatedAt) == 1
    }

    /// Deletes a user with their keys and tokens; false when there is no such user.
    @discardableResult
    public func delete(id: String) throws(StorageError) -> Bool {
        try connection.execute("DELETE FROM users WHERE id = $1", id) == 1
    }
}

extension Repositories {
    /// Users and their password hashes.
    public var users: UserRepository { UserRepository(connection: connection) }
}
