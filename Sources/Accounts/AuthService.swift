import Backends
import Foundation
import Primitives
import Security

/// Logins, token rotation, and identification of callers by access token or API key.
///
/// Access tokens are HS256 JWTs whose `jti` is `<family id>.<random>`: the family is the
/// refresh-token chain the token was issued with, so logout (which revokes the family)
/// ends the access tokens of that session too; the family must be the token subject's own.
/// Every authentication reads the user's current state, so a disabled user or a changed role
/// takes effect on the next request.
public final class AuthService: Sendable {
    let backend: Backend
    let signer: JWTSigner
    /// The roles users and keys may hold (from the spec).
    let roles: RoleHierarchy
    let hasher: PasswordHasher
    let settings: AuthSettings
    let audit: AuditSink
    /// PBKDF2 runs off Swift's cooperative pool, at most two at a time, so a burst of
    /// logins cannot starve request handling.
    private let hashing = HashingGate(width: 2)
    /// Login limits per username and address, and the backoff per username (nil: none).
    let loginThrottle: LoginThrottle?
    /// Identities verified in the last seconds (see `IdentityCache`).
    let identities = IdentityCache()
    /// On PostgreSQL, account changes made by other server instances clear the cache.
    private let changeSubscription: NotificationSubscription?
    /// The NOTIFY channel of account changes.
    static let changeChannel = "trading_auth_changes"

    public init(backend: Backend, signer: JWTSigner, roles: RoleHierarchy, hasher: PasswordHasher = PasswordHasher(),
                settings: AuthSettings = AuthSettings(), loginThrottle: LoginThrottle? = nil,
                audit: @escaping AuditSink = StandardErrorAudit.write) {
        self.backend = backend
        self.loginThrottle = loginThrottle
        self.signer = signer
        self.roles = roles
        self.hasher = hasher
        self.settings = settings
        self.audit = audit
        let cache = identities
        // If listening fails (the server is down at start-up), the cache's short lifetime
        // still bounds how long another instance's change can go unseen.
        changeSubscription = (backend.database as? PostgresDatabase).flatMap { database in
            try? database.listen(channel: Self.changeChannel) { _ in cache.clear() }
        }
    }

    // MARK: Sessions

    /// Checks a username and password and opens a session (a new refresh-token family).
    /// With a `loginThrottle`, an attempt past the limit of its username and address is
    /// refused before the password is looked at, and one for a username with many recent
    /// failures waits its backoff first.
    public func login(username: String, password: String, address: String?) async throws(AuthError) -> IssuedTokens {
        if let loginThrottle {
            let now = RateLimiter.monotonicSeconds()
            let decision = loginThrottle.admit(username: username, address: address, now: now)
            guard decision.allowed else {
                audit(AuditEvent(action: "login_throttled", actor: username, address: address, detail: "too many attempts"))
                throw .rateLimited(decision)
            }
            let delay = loginThrottle.delay(for: username, now: now)
            // A suspension, not a blocked thread: waiting logins hold no event loop and no worker.
            if delay > .zero { try? await Task.sleep(for: delay) }
        }
        let user = try await storage(write: false) { r throws(StorageError) in try r.users.find(username: username) }
        guard let user else {
            await offPool { self.hasher.equalizeTimingForUnknownUser(password) }
            loginThrottle?.recordFailure(of: username, now: RateLimiter.monotonicSeconds())
            audit(AuditEvent(action: "login_failed", actor: username, address: address, detail: "unknown user"))
            throw .invalidCredentials
        }
        let verified = await offPool { self.hasher.verify(password, against: user.passwordHash) }
        guard verified, !user.disabled else {
            loginThrottle?.recordFailure(of: username, now: RateLimiter.monotonicSeconds())
            audit(AuditEvent(action: "login_failed", actor: username, target: user.id, address: address,
                             detail: verified ? "user disabled" : "wrong password"))
            throw .invalidCredentials
        }
        if hasher.needsRehash(user.passwordHash) {
            var upgraded = user
            upgraded.passwordHash = try await hash(password)
            upgraded.updatedAt = Timestamp.nowMilliseconds()
            let record = upgraded
            _ = try await storage { r throws(StorageError) in try r.users.update(record) }
        }
        let tokens = try await openFamily(for: user)
        audit(AuditEvent(action: "login", actor: user.username, target: user.id, address: address))
        return tokens
    }

    /// Spends a refresh token and returns a new pair of the same family. A token spent
    /// before revokes its whole family (someone replayed it).
    public func refresh(_ refreshToken: String, address: String?) async throws(AuthError) -> IssuedTokens {
        guard RefreshTokenSecret.isWellFormed(refreshToken) else { throw .invalidToken(reason: "malformed refresh token") }
        let hash = RefreshTokenSecret.hash(refreshToken)
        let now = Timestamp.nowMilliseconds()
        let secret = try crypto(RefreshTokenSecret.generate())
        let lifetime = settings.refreshTokenSeconds * 1000
        enum Outcome: Sendable { case rotated(UserRecord, familyID: String), reused(String, user: String), failed(AuthError) }
        let outcome = try await storage { r throws(StorageError) -> Outcome in
            guard let token = try r.refreshTokens.find(hash: hash) else { return .failed(.invalidToken(reason: "unknown refresh token")) }
            if token.revokedAt != nil { return .failed(.invalidToken(reason: "refresh token revoked")) }
            let spentNow = token.spentAt == nil ? try r.refreshTokens.spend(id: token.id, at: now) : false
            if !spentNow {
                try Self.announceAccountChange(r)
                try r.refreshTokens.revokeFamily(token.familyID, at: now)
                return .reused(token.familyID, user: token.userID)
            }
            if token.expiresAt <= now { return .failed(.tokenExpired) }
            guard let user = try r.users.find(id: token.userID), !user.disabled else {
                return .failed(.invalidToken(reason: "user disabled"))
            }
            try r.refreshTokens.insert(RefreshTokenRecord(
                id: UUID().uuidString.lowercased(), userID: user.id, familyID: token.familyID,
                tokenHash: RefreshTokenSecret.hash(secret), createdAt: now, expiresAt: now + lifetime))
            return .rotated(user, familyID: token.familyID)
        }
        switch outcome {
        case .failed(let error):
            throw error
        case .reused(let family, let userID):
            identities.clear()
            audit(AuditEvent(action: "refresh_reuse", target: userID, address: address, detail: "family \(family) revoked"))
            throw .invalidToken(reason: "refresh token already used; the session is revoked")
        case .rotated(let user, let familyID):
            return IssuedTokens(accessToken: try accessToken(for: user, familyID: familyID), refreshToken: secret,
                                expiresIn: settings.accessTokenSeconds)
        }
    }

    /// Ends the caller's session: revokes the refresh-token family of its access token
    /// (and with it every access token of the family). A caller using an API key has no
    /// session; nothing changes.
    public func logout(_ identity: Identity, address: String?) async throws(AuthError) {
        guard case .accessToken(let familyID) = identity.credential else { return }
        let now = Timestamp.nowMilliseconds()
        _ = try await storage { r throws(StorageError) in
            try Self.announceAccountChange(r)
            return try r.refreshTokens.revokeFamily(familyID, at: now)
        }
        identities.clear()
        audit(AuditEvent(action: "logout", actor: identity.username, target: identity.userID, address: address))
    }

    // MARK: Identification

    /// The caller behind an access token when the identity cache already holds it (a token
    /// seen and checked within the cache's lifetime); nil when only `authenticate(accessToken:)`
    /// can tell, which may read the database. Never waits, so an event loop may call it.
    public func cachedIdentity(accessToken token: String) -> Identity? {
        identities.entry(Self.cacheKey(accessToken: token), now: RateLimiter.monotonicSeconds())?.identity
    }

    /// The identity cache's key of an access token.
    private static func cacheKey(accessToken token: String) -> String { "token:" + token }

    /// The caller behind a bearer access token. A token seen in the last seconds is
    /// answered from the cache without verifying its signature again (the cache keeps it no
    /// longer than the token lives, and any account change clears it).
    public func authenticate(accessToken token: String) async throws(AuthError) -> Identity {
        let cacheKey = Self.cacheKey(accessToken: token)
        let monotonic = RateLimiter.monotonicSeconds()
        if let cached = identities.entry(cacheKey, now: monotonic) { return cached.identity }
        let now = Timestamp.nowMilliseconds() / 1000
        let claims: JWTClaims
        do {
            claims = try signer.verify(token, now: now)
        } catch {
            if case .expired = error { throw .tokenExpired }
            throw .invalidToken(reason: error.description)
        }
        guard let dot = claims.jti.firstIndex(of: "."), dot != claims.jti.startIndex else {
            throw .invalidToken(reason: "token id has no session")
        }
        let familyID = String(claims.jti[..<dot])
        let generation = identities.generation
        let (user, active) = try await storage(write: false) { r throws(StorageError) in
            (try r.users.find(id: claims.sub), try r.refreshTokens.familyIsActive(familyID, userID: claims.sub))
        }
        guard let user, !user.disabled else { throw .invalidToken(reason: "user disabled or deleted") }
        // One query answers both: the family is live and is the subject's own.
        guard active else { throw .invalidToken(reason: "session ended") }
        let identity = Identity(userID: user.id, username: user.username, role: user.role, credential: .accessToken(familyID: familyID))
        let lifetime = min(identities.ttl, Double(claims.exp - now))
        identities.store(cacheKey, IdentityCache.Entry(identity: identity, freshUntil: monotonic + lifetime), readDuring: generation)
        return identity
    }

    /// The caller behind an `X-API-Key`.
    public func authenticate(apiKey key: String) async throws(AuthError) -> Identity {
        guard APIKeySecret.parse(key) != nil else { throw .invalidToken(reason: "malformed API key") }
        let hash = APIKeySecret.hash(key)
        let now = Timestamp.nowMilliseconds()
        let cacheKey = "key:" + hash
        let monotonic = RateLimiter.monotonicSeconds()
        if let cached = identities.entry(cacheKey, now: monotonic) {
            if let expiry = cached.keyExpiresAt, expiry <= now { throw .tokenExpired }
            if case .apiKey(let id) = cached.identity.credential {
                await recordUsage(of: id, lastWritten: cached.usageWrittenAt, now: now, cacheKey: cacheKey)
            }
            return cached.identity
        }
        let generation = identities.generation
        let found = try await storage(write: false) { r throws(StorageError) -> (APIKeyRecord, UserRecord)? in
            guard let record = try r.apiKeys.find(hash: hash), let user = try r.users.find(id: record.userID) else { return nil }
            return (record, user)
        }
        guard let (record, user) = found else { throw .invalidToken(reason: "unknown API key") }
        if record.revokedAt != nil { throw .invalidToken(reason: "API key revoked") }
        if let expiry = record.expiresAt, expiry <= now { throw .tokenExpired }
        guard !user.disabled else { throw .invalidToken(reason: "user disabled") }
        guard let role = roles.lower(record.role, user.role) else { throw .invalidToken(reason: "unknown role") }
        let identity = Identity(userID: user.id, username: user.username, role: role, credential: .apiKey(id: record.id))
        identities.store(cacheKey, IdentityCache.Entry(identity: identity, freshUntil: monotonic + identities.ttl,
                                                       keyExpiresAt: record.expiresAt, usageWrittenAt: record.lastUsedAt),
                         readDuring: generation)
        await recordUsage(of: record.id, lastWritten: record.lastUsedAt, now: now, cacheKey: cacheKey)
        return identity
    }

    /// Writes a key's `last_used_at` when the stored one is older than the granularity.
    private func recordUsage(of keyID: String, lastWritten: Int?, now: Int, cacheKey: String) async {
        guard (lastWritten ?? 0) + settings.keyUsageGranularityMilliseconds <= now else { return }
        identities.markUsage(cacheKey, at: now)
        _ = try? await backend.write { r throws(StorageError) in try r.apiKeys.markUsed(id: keyID, at: now) }
    }

    /// Called inside the transaction of every account change: tells the other instances
    /// (PostgreSQL NOTIFY, delivered at commit) to forget their cached identities.
    static func announceAccountChange(_ r: Repositories) throws(StorageError) {
        try r.notifyOnCommit(channel: changeChannel)
    }

    // MARK: Helpers shared with the account operations

    /// Runs a libcrypto-backed primitive (randomness, hashing), mapping its error to `.crypto`.
    func crypto<Value>(_ work: @autoclosure () throws(SecurityError) -> Value) throws(AuthError) -> Value {
        do {
            return try work()
        } catch {
            throw .crypto(error)
        }
    }

    /// Runs storage work, mapping its errors.
    func storage<Result: Sendable>(write: Bool = true, _ body: @escaping @Sendable (Repositories) throws(StorageError) -> Result)
        async throws(AuthError) -> Result {
        do {
            return write ? try await backend.write(body) : try await backend.read(body)
        } catch {
            throw .storage(error)
        }
    }

    /// A new stored password hash, computed off the cooperative pool.
    func hash(_ password: String) async throws(AuthError) -> String {
        guard password.utf8.count <= PasswordHasher.maximumPasswordBytes else {
            throw .invalid(field: "password", reason: "longer than \(PasswordHasher.maximumPasswordBytes) bytes")
        }
        let result = await offPool { Result { () throws(SecurityError) in try self.hasher.hash(password) } }
        return try crypto(result.get())
    }

    /// Runs CPU-heavy work (PBKDF2) on a dispatch thread, two at a time; waiting callers hold no thread.
    func offPool<Value: Sendable>(_ work: @escaping @Sendable () -> Value) async -> Value {
        await hashing.run(work)
    }

    private func openFamily(for user: UserRecord) async throws(AuthError) -> IssuedTokens {
        let familyID = UUID().uuidString.lowercased()
        let secret = try crypto(RefreshTokenSecret.generate())
        let now = Timestamp.nowMilliseconds()
        let record = RefreshTokenRecord(
            id: UUID().uuidString.lowercased(), userID: user.id, familyID: familyID, tokenHash: RefreshTokenSecret.hash(secret),
            createdAt: now, expiresAt: now + settings.refreshTokenSeconds * 1000)
        _ = try await storage { r throws(StorageError) in try r.refreshTokens.insert(record) }
        return IssuedTokens(accessToken: try accessToken(for: user, familyID: familyID), refreshToken: secret,
                            expiresIn: settings.accessTokenSeconds)
    }

    private func accessToken(for user: UserRecord, familyID: String) throws(AuthError) -> String {
        var claims = try crypto(JWTClaims.issued(subject: user.id, username: user.username, role: user.role,
                                                 now: Timestamp.nowMilliseconds() / 1000, lifetimeSeconds: settings.accessTokenSeconds))
        claims.jti = familyID + "." + claims.jti
        return signer.sign(claims)
    }
}
