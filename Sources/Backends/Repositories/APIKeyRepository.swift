/// API keys.
public struct APIKeyRepository {
    let connection: any SQLConnection
    private static let columns = "id, user_id, name, role, prefix, key_hash, created_at, expires_at, last_used_at, revoked_at"

    public func insert(_ key: APIKeyRecord) throws(StorageError) {
        try connection.execute(
            "INSERT INTO api_keys (\(Self.columns)) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
            key.id, key.userID, key.name, key.role, key.prefix, key.keyHash, key.createdAt, key.expiresAt, key.lastUsedAt,
            key.revokedAt)
    }

    /// The key with this hash, whatever its state (callers check revocation and expiry).
    public func find(hash: String) throws(StorageError) -> APIKeyRecord? {
        try connection.query("SELECT \(Self.columns) FROM api_keys WHERE key_hash = $1", hash).first.map(APIKeyRecord.init)
    }

    public func find(id: String) throws(StorageError) -> APIKeyRecord? {
        try connection.query("SELECT \(Self.columns) FROM api_keys WHERE id = $1", id).first.map(APIKeyRecord.init)
    }

    /// A user's keys (every user's when `userID` is nil), newest first.
    public func list(userID: String?) throws(StorageError) -> [APIKeyRecord] {
        var filter = SQLWhereClause()
        filter.require("user_id", "=", userID)
        return try connection.query("SELECT \(Self.columns) FROM api_keys\(filter.sql) ORDER BY created_at DESC, id", filter.parameters)
            .map(APIKeyRecord.init)
    }

    @discardableResult
    public func markUsed(id: String, at time: Int) throws(StorageError) -> Bool {
        try connection.execute("UPDATE api_keys SET last_used_at = $2 WHERE id = $1", id, time) == 1
    }

    @discardableResult
    public func revoke(id: String, at time: Int) throws(StorageError) -> Bool {
        try connection.execute("UPDATE api_keys SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL", id, time) == 1
    }
}

extension Repositories {
    /// API keys (hashes only).
    public var apiKeys: APIKeyRepository { APIKeyRepository(connection: connection) }
}
