import Backends
import Foundation
import Primitives
import Security

/// Users and API keys.
extension AuthService {
    /// The shortest password accepted for a new or changed password.
    public static let minimumPasswordLength = 8
    /// Usernames: 3 to 64 characters of ASCII letters and digits, `.`, `_`, `-` or `@`.
    /// ASCII only, so that "the same name whatever its case" (the database's unique index on
    /// the ASCII-lowercased name) leaves no letter out.
    public static func isValidUsername(_ name: String) -> Bool {
        (3...64).contains(name.unicodeScalars.count) && name.unicodeScalars.allSatisfy {
            $0.isASCII && (CharacterSet.alphanumerics.contains($0) || ".-_@".unicodeScalars.contains($0))
        }
    }

    // MARK: Users

    /// Creates a user; `actor` names who did it (for the audit log). A username taken by
    /// another user, whatever the case of its letters (`Admin` beside `admin`), is a conflict.
    public func createUser(username: String, password: String, role: String, actor: String?, address: String?)
        async throws(AuthError) -> UserRecord {
        guard Self.isValidUsername(username) else {
            throw .invalid(field: "username", reason: "3 to 64 ASCII letters, digits, '.', '_', '-' or '@'")
        }
        guard roles.rank(role) != nil else { throw .invalid(field: "role", reason: "unknown role \(role)") }
        try Self.checkPasswordRules(password)
        let now = Timestamp.nowMilliseconds()
        let user = UserRecord(id: UUID().uuidString.lowercased(), username: username, passwordHash: try await hash(password),
                              role: role, createdAt: now, updatedAt: now)
        do {
            try await backend.write { r throws(StorageError) in try r.users.insert(user) }
        } catch {
            if case .uniqueViolation = error { throw .conflict("Username '\(username)' is taken (usernames are unique whatever their case)") }
            throw .storage(error)
        }
        audit(AuditEvent(action: "user_created", actor: actor, target: user.id, address: address, detail: "username=\(username) role=\(role)"))
        return user
    }

    /// Applies `change` to a user. Disabling ends every session of the user at once (refresh
    /// tokens revoked; access tokens fail on their next use); so does a new password, except
    /// that a caller changing their own keeps the session it was made from. A caller changing
    /// their own password must give the current one (`currentPasswordRefused` otherwise). An
    /// admin disabling or demoting itself is a conflict, so an enabled admin always remains.
    public func updateUser(id: String, _ change: UserChange, actor: Identity, address: String?) async throws(AuthError) -> UserRecord {
        if let role = change.role, roles.rank(role) == nil { throw .invalid(field: "role", reason: "unknown role \(role)") }
        if let password = change.password { try Self.checkPasswordRules(password) }
        if id == actor.userID, change.disabled == true || (change.role.map { $0 != roles.highest } ?? false) {
            throw .conflict("Admins cannot disable or demote themselves")
        }
        // A caller changing their own password proves it is them, and keeps its session.
        var checkedHash: String?
        var keptFamily: String?
        if id == actor.userID, change.password != nil {
            checkedHash = try await verifyCurrentPassword(change.currentPassword, of: actor, address: address)
            if case .accessToken(let familyID) = actor.credential { keptFamily = familyID }
        }
        let newHash: String?
        if let password = change.password { newHash = try await hash(password) } else { newHash = nil }
        let now = Timestamp.nowMilliseconds()
        let (verifiedHash, kept) = (checkedHash, keptFamily)
        enum Outcome: Sendable { case missing, changedMeanwhile, updated(before: UserRecord, after: UserRecord) }
        let outcome = try await storage { r throws(StorageError) -> Outcome in
            guard let user = try r.users.find(id: id) else { return .missing }
            // The password checked above must still be the one stored.
            if let verifiedHash, user.passwordHash != verifiedHash { return .changedMeanwhile }
            var updated = user
            if let role = change.role { updated.role = role }
            if let disabled = change.disabled { updated.disabled = disabled }
            if let newHash { updated.passwordHash = newHash }
            updated.updatedAt = now
            try r.users.update(updated)
            if updated.disabled {
                try r.refreshTokens.revokeAll(userID: id, at: now)
            } else if newHash != nil {
                try r.refreshTokens.revokeAll(userID: id, at: now, keeping: kept)
            }
            try Self.announceAccountChange(r)
            return .updated(before: user, after: updated)
        }
        identities.clear()
        let before: UserRecord, after: UserRecord
        switch outcome {
        case .missing: throw .notFound("User \(id)")
        case .changedMeanwhile: throw .currentPasswordRefused(reason: "is no longer your current password")
        case .updated(let stored, let changed): (before, after) = (stored, changed)
        }
        if before.role != after.role {
            audit(AuditEvent(action: "role_changed", actor: actor.username, target: id, address: address,
                             detail: "\(before.role) -> \(after.role)"))
        }
        if before.disabled != after.disabled {
            audit(AuditEvent(action: after.disabled ? "user_disabled" : "user_enabled", actor: actor.username, target: id, address: address))
        }
        if newHash != nil { audit(AuditEvent(action: "password_changed", actor: actor.username, target: id, address: address)) }
        return after
    }

    /// Checks the caller's current password before they change it (PBKDF2 off the
    /// cooperative pool, as for a login); returns the stored hash it matched. A check is a
    /// login attempt to the `loginThrottle`: it spends the same (username, address) budget and a
    /// wrong password counts as a failed login, so a stolen token guesses no faster than logins.
    private func verifyCurrentPassword(_ candidate: String?, of actor: Identity, address: String?) async throws(AuthError) -> String {
        if let loginThrottle {
            let decision = loginThrottle.admit(username: actor.username, address: address, now: RateLimiter.monotonicSeconds())
            guard decision.allowed else {
                audit(AuditEvent(action: "password_change_throttled", actor: actor.username, target: actor.userID,
                                 address: address, detail: "too many attempts"))
                throw .rateLimited(decision)
            }
        }
        guard let candidate else {
            audit(AuditEvent(action: "password_change_failed", actor: actor.username, target: actor.userID, address: address,
                             detail: "no current password"))
            throw .currentPasswordRefused(reason: "is required to change your own password")
        }
        let userID = actor.userID
        guard let user = try await storage(write: false, { r throws(StorageError) in try r.users.find(id: userID) }) else {
            throw .notFound("User \(userID)")
        }
        let verified = await offPool { self.hasher.verify(candidate, against: user.passwordHash) }
        guard verified else {
            loginThrottle?.recordFailure(of: actor.username, now: RateLimiter.monotonicSeconds())
            audit(AuditEvent(action: "password_change_failed", actor: actor.username, target: actor.userID, address: address,
                             detail: "wrong current password"))
            throw .currentPasswordRefused(reason: "is not your current password")
        }
        return user.passwordHash
    }

    /// Deletes a user with their keys and sessions; admins cannot delete themselves (a conflict).
    public func deleteUser(id: String, actor: Identity, address: String?) async throws(AuthError) {
        guard id != actor.userID else { throw .conflict("Admins cannot delete themselves") }
        let deleted = try await storage { r throws(StorageError) -> Bool in
            try Self.announceAccountChange(r)
            return try r.users.delete(id: id)
        }
        identities.clear()
        guard deleted else { throw .notFound("User \(id)") }
        audit(AuditEvent(action: "user_deleted", actor: actor.username, target: id, address: address))
    }

    /// Every user, by creation time, and how many there are.
    public func listUsers(limit: Int, offset: Int) async throws(AuthError) -> (users: [UserRecord], total: Int) {
        try await storage(write: false) { r throws(StorageError) in (try r.users.list(limit: limit, offset: offset), try r.users.count()) }
    }

    /// The user behind an identity, as stored now.
    public func user(id: String) async throws(AuthError) -> UserRecord {
        guard let user = try await storage(write: false, { r throws(StorageError) in try r.users.find(id: id) }) else {
            throw .notFound("User \(id)")
        }
        return user
    }

    /// On a database without users, creates `admin` with `password`, or with a random
    /// password that is returned so the caller can print it once. Nil when users exist.
    public func bootstrapAdmin(password: String?) async throws(AuthError) -> (username: String, generatedPassword: String?)? {
        let count = try await storage(write: false) { r throws(StorageError) in try r.users.count() }
        guard count == 0 else { return nil }
        let chosen: String
        if let password, !password.isEmpty {
            chosen = password
        } else {
            chosen = Base64URL.encode(try crypto(SecureRandom.bytes(18)))
        }
        do {
            _ = try await createUser(username: "admin", password: chosen, role: roles.highest, actor: nil, address: nil)
        } catch .conflict {
            return nil  // another instance created it first
        }
        audit(AuditEvent(action: "admin_bootstrapped", target: "admin"))
        return ("admin", password?.isEmpty == false ? nil : chosen)
    }

    // MARK: API keys

    /// Creates a key for `owner` with `role` (no higher than the owner's own role); an
    /// `expiresAt` that is not in the future is a conflict with the current time. Only a
    /// session (an access token) may create keys: a key minting keys would let whoever holds
    /// one key keep access after it is revoked.
    public func createAPIKey(owner: Identity, name: String, role: String, expiresAt: Int?, address: String?)
        async throws(AuthError) -> CreatedKey {
        guard case .accessToken = owner.credential else {
            throw .forbidden(reason: "An API key cannot create API keys; log in and create it with an access token")
        }
        // Counted in code points and kept as given, as the schema's minLength and maxLength say.
        guard (1...64).contains(name.unicodeScalars.count) else { throw .invalid(field: "name", reason: "1 to 64 characters") }
        guard let requested = roles.rank(role) else { throw .invalid(field: "role", reason: "unknown role \(role)") }
        guard let own = roles.rank(owner.role), requested <= own else {
            throw .forbidden(reason: "A key's role cannot be higher than its owner's (\(owner.role))")
        }
        let now = Timestamp.nowMilliseconds()
        if let expiresAt, expiresAt <= now { throw .conflict("expires_at must be in the future") }
        let generated = try crypto(APIKeySecret.generate())
        let record = APIKeyRecord(id: UUID().uuidString.lowercased(), userID: owner.userID, name: name, role: role,
                                  prefix: generated.prefix, keyHash: generated.hash, createdAt: now, expiresAt: expiresAt)
        _ = try await storage { r throws(StorageError) in try r.apiKeys.insert(record) }
        audit(AuditEvent(action: "api_key_created", actor: owner.username, target: record.id, address: address,
                         detail: "prefix=\(generated.prefix) role=\(role)"))
        return CreatedKey(record: record, key: generated.key)
    }

    /// The caller's live keys (an admin sees everyone's).
    public func listAPIKeys(for caller: Identity) async throws(AuthError) -> [APIKeyRecord] {
        let userID = caller.role == roles.highest ? nil : caller.userID
        return try await storage(write: false) { r throws(StorageError) in
            try r.apiKeys.list(userID: userID).filter { $0.revokedAt == nil }
        }
    }

    /// Revokes a key of the caller (an admin may revoke anyone's).
    public func revokeAPIKey(id: String, caller: Identity, address: String?) async throws(AuthError) {
        let now = Timestamp.nowMilliseconds()
        let mayRevokeAnyKey = caller.role == roles.highest
        let revoked = try await storage { r throws(StorageError) -> Bool in
            guard let key = try r.apiKeys.find(id: id), key.revokedAt == nil,
                  key.userID == caller.userID || mayRevokeAnyKey else { return false }
            try Self.announceAccountChange(r)
            return try r.apiKeys.revoke(id: id, at: now)
        }
        identities.clear()
        guard revoked else { throw .notFound("API key \(id)") }
        audit(AuditEvent(action: "api_key_revoked", actor: caller.username, target: id, address: address))
    }

    static func checkPasswordRules(_ password: String) throws(AuthError) {
        // Code points, as the schema's minLength counts them (not grapheme clusters).
        guard password.unicodeScalars.count >= minimumPasswordLength else {
            throw .invalid(field: "password", reason: "at least \(minimumPasswordLength) characters")
        }
        guard password.utf8.count <= PasswordHasher.maximumPasswordBytes else {
            throw .invalid(field: "password", reason: "at most \(PasswordHasher.maximumPasswordBytes) bytes")
        }
    }
}
