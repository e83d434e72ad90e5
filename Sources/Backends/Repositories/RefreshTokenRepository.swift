/// Refresh tokens.
public struct RefreshTokenRepository {
    let connection: any SQLConnection
    private static let columns = "id, user_id, family_id, token_hash, created_at, expires_at, spent_at, revoked_at"

    public func insert(_ token: RefreshTokenRecord) throws(StorageError) {
        try connection.execute(
            "INSERT INTO refresh_tokens (\(Self.columns)) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            token.id, token.userID, token.familyID, token.tokenHash, token.createdAt, token.expiresAt, token.spentAt, token.revokedAt)
    }

    public func find(hash: String) throws(StorageError) -> RefreshTokenRecord? {
        try connection.query("SELECT \(Self.columns) FROM refresh_tokens WHERE token_hash = $1", hash).first.map(RefreshTokenRecord.init)
    }

    /// Marks a token spent; false when it was already spent (a replay).
    @discardableResult
    public func spend(id: String, at time: Int) throws(StorageError) -> Bool {
        try connection.execute("UPDATE refresh_tokens SET spent_at = $2 WHERE id = $1 AND spent_at IS NULL", id, time) == 1
    }

    /// True while some token of the family is not revoked and the family is `userID`'s: the
    /// session is open and belongs to that user. Spent tokens count (rotation spends them and
    /// adds a fresh one). A family of another user is not active for this one, so a token
    /// cannot borrow someone else's session (nor end it by logging out).
    public func familyIsActive(_ familyID: String, userID: String) throws(StorageError) -> Bool {
        !(try connection.query(
            "SELECT 1 AS live FROM refresh_tokens WHERE family_id = $1 AND user_id = $2 AND revoked_at IS NULL LIMIT 1",
            familyID, userID).isEmpty)
    }

    /// Revokes every live token of a family; returns how many.
    @discardableResult
    public func revokeFamily(_ familyID: String, at time: Int) throws(StorageError) -> Int {
        try connection.execute("UPDATE refresh_tokens SET revoked_at = $2 WHERE family_id = $1 AND revoked_at IS NULL", familyID, time)
    }

    /// Revokes every live token of a user (disabled users, password changes), except those
    /// of the family `kept` (the session that changed its own password); returns how many.
    @discardableResult
    public func revokeAll(userID: String, at time: Int, keeping kept: String? = nil) throws(StorageError) -> Int {
        guard let kept else {
            return try connection.execute("UPDATE refresh_tokens SET revoked_at = $2 WHERE user_id = $1 AND revoked_at IS NULL", userID, time)
        }
        return try connection.execute(
            "UPDATE refresh_tokens SET revoked_at = $2 WHERE user_id = $1 AND family_id <> $3 AND revoked_at IS NULL", userID, time, kept)
    }
}

extension Repositories {
    /// Refresh tokens and their families.
    public var refreshTokens: RefreshTokenRepository { RefreshTokenRepository(connection: connection) }
}
