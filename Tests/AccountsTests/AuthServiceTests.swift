import Synchronization
import Foundation
import XCTest
@testable import Security
@testable import Backends
import Accounts

/// The auth service over a real SQLite database (one fresh file per test).
final class AuthServiceTests: XCTestCase {
    private var directory: URL!
    private var backend: Backend!
    private var auth: AuthService!
    private var events: EventRecorder!
    private let secret = Array("a test secret of at least thirty-two bytes".utf8)

    override func setUp() async throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("auth-\(UUID().uuidString)")
        backend = try await Backend.open("sqlite:" + directory.appendingPathComponent("trading.db").path)
        events = EventRecorder()
        let recorder = events!
        auth = AuthService(backend: backend, signer: JWTSigner(secret: secret), roles: .testRoles, hasher: PasswordHasher(iterations: 1_000),
                           audit: { recorder.record($0) })
    }

    override func tearDown() async throws {
        backend?.database.close()
        try? FileManager.default.removeItem(at: directory)
    }

    @discardableResult
    private func user(_ name: String, role: String = "trader") async throws -> UserRecord {
        try await auth.createUser(username: name, password: "password-\(name)", role: role, actor: "test", address: nil)
    }

    private func expect<T>(_ expected: AuthError, _ work: () async throws(AuthError) -> T) async {
        do {
            _ = try await work()
            XCTFail("expected \(expected)")
        } catch {
            XCTAssertEqual(error, expected)
        }
    }

    func testLoginIssuesAnAccessTokenWithTheDocumentedClaims() async throws {
        let ann = try await user("ann")
        let tokens = try await auth.login(username: "ann", password: "password-ann", address: "10.0.0.1")
        XCTAssertEqual(tokens.expiresIn, 1800)
        let claims = try JWTSigner(secret: secret).verify(tokens.accessToken, now: Int(Date().timeIntervalSince1970))
        XCTAssertEqual(claims.sub, ann.id)
        XCTAssertEqual(claims.username, "ann")
        XCTAssertEqual(claims.role, "trader")
        XCTAssertEqual(claims.exp - claims.iat, 1800)
        let identity = try await auth.authenticate(accessToken: tokens.accessToken)
        XCTAssertEqual(identity.userID, ann.id)
        XCTAssertEqual(events.actions, ["user_created", "login"])
    }

    func testWrongPasswordUnknownUserAndDisabledUserAreTheSameRefusal() async throws {
        let bob = try await user("bob")
        await expect(.invalidCredentials) { () async throws(AuthError) in try await auth.login(username: "bob", password: "nope-nope", address: nil) }
        await expect(.invalidCredentials) { () async throws(AuthError) in try await auth.login(username: "nobody", password: "x", address: nil) }
        let admin = Identity(userID: "someone-else", username: "root", role: "admin", credential: .apiKey(id: "k"))
        _ = try await auth.updateUser(id: bob.id, UserChange(disabled: true), actor: admin, address: nil)
        await expect(.invalidCredentials) { () async throws(AuthError) in
            try await auth.login(username: "bob", password: "password-bob", address: nil)
        }
        XCTAssertEqual(events.actions.filter { $0 == "login_failed" }.count, 3)
    }

    func testRefreshRotatesAndASpentTokenRevokesTheWholeFamily() async throws {
        try await user("cat")
        let first = try await auth.login(username: "cat", password: "password-cat", address: nil)
        let second = try await auth.refresh(first.refreshToken, address: nil)
        XCTAssertNotEqual(second.refreshToken, first.refreshToken)
        _ = try await auth.authenticate(accessToken: second.accessToken)
        await expect(.invalidToken(reason: "refresh token already used; the session is revoked")) { () async throws(AuthError) in
            try await auth.refresh(first.refreshToken, address: nil)
        }
        await expect(.invalidToken(reason: "refresh token revoked")) { () async throws(AuthError) in
            try await auth.refresh(second.refreshToken, address: nil)
        }
        await expect(.invalidToken(reason: "session ended")) { () async throws(AuthError) in
            try await auth.authenticate(accessToken: second.accessToken)
        }
        XCTAssertTrue(events.actions.contains("refresh_reuse"))
    }

    func testAnExpiredRefreshTokenIsRefusedAsExpired() async throws {
        try await user("dan")
        let tokens = try await auth.login(username: "dan", password: "password-dan", address: nil)
        let hash = RefreshTokenSecret.hash(tokens.refreshToken)
        try await backend.write { r throws(StorageError) in
            _ = try r.connection.execute("UPDATE refresh_tokens SET expires_at = 1 WHERE token_hash = $1", hash)
        }
        await expect(.tokenExpired) { () async throws(AuthError) in try await auth.refresh(tokens.refreshToken, address: nil) }
    }

    func testLogoutEndsTheSessionsAccessAndRefreshTokens() async throws {
        try await user("eve")
        let tokens = try await auth.login(username: "eve", password: "password-eve", address: nil)
        let other = try await auth.login(username: "eve", password: "password-eve", address: nil)
        let identity = try await auth.authenticate(accessToken: tokens.accessToken)
        try await auth.logout(identity, address: nil)
        await expect(.invalidToken(reason: "session ended")) { () async throws(AuthError) in
            try await auth.authenticate(accessToken: tokens.accessToken)
        }
        await expect(.invalidToken(reason: "refresh token revoked")) { () async throws(AuthError) in
            try await auth.refresh(tokens.refreshToken, address: nil)
        }
        let stillIn = try await auth.authenticate(accessToken: other.accessToken)
        XCTAssertEqual(stillIn.username, "eve", "another session of the same user stays open")
    }

    func testForgedAndExpiredAccessTokensAreRefused() async throws {
        let fay = try await user("fay")
        let tokens = try await auth.login(username: "fay", password: "password-fay", address: nil)
        let jti = try JWTSigner(secret: secret).verify(tokens.accessToken, now: Int(Date().timeIntervalSince1970)).jti
        let expired = JWTSigner(secret: secret).sign(JWTClaims(sub: fay.id, username: "fay", role: "trader", iat: 1_000, exp: 2_000, jti: jti))
        await expect(.tokenExpired) { () async throws(AuthError) in try await auth.authenticate(accessToken: expired) }
        let forged = JWTSigner(secret: Array("another secret of at least thirty-two bytes".utf8))
            .sign(JWTClaims(sub: fay.id, username: "fay", role: "admin", iat: Int(Date().timeIntervalSince1970), exp: Int(Date().timeIntervalSince1970) + 60, jti: jti))
        do {
            _ = try await auth.authenticate(accessToken: forged)
            XCTFail("a token signed with another key was accepted")
        } catch {
            guard case .invalidToken = error else { return XCTFail("expected invalidToken, got \(error)") }
        }
    }

    func testDisablingAUserStopsTheirTokensAndKeysAtOnceAndRoleChangesApply() async throws {
        let gus = try await user("gus")
        let tokens = try await auth.login(username: "gus", password: "password-gus", address: nil)
        let identity = try await auth.authenticate(accessToken: tokens.accessToken)
        let key = try await auth.createAPIKey(owner: identity, name: "bot", role: "trader", expiresAt: nil, address: nil)
        let admin = Identity(userID: "root-id", username: "root", role: "admin", credential: .apiKey(id: "k"))
        _ = try await auth.updateUser(id: gus.id, UserChange(role: "viewer"), actor: admin, address: nil)
        let demoted = try await auth.authenticate(accessToken: tokens.accessToken)
        XCTAssertEqual(demoted.role, "viewer")
        let keyRole = try await auth.authenticate(apiKey: key.key).role
        XCTAssertEqual(keyRole, "viewer", "a key never exceeds its owner's current role")
        _ = try await auth.updateUser(id: gus.id, UserChange(disabled: true), actor: admin, address: nil)
        await expect(.invalidToken(reason: "user disabled or deleted")) { () async throws(AuthError) in
            try await auth.authenticate(accessToken: tokens.accessToken)
        }
        await expect(.invalidToken(reason: "user disabled")) { () async throws(AuthError) in try await auth.authenticate(apiKey: key.key) }
        XCTAssertEqual(events.actions.suffix(2), ["role_changed", "user_disabled"])
    }

    func testAPIKeysAreCappedByTheOwnersRoleRevocableAndTrackUse() async throws {
        try await user("hal", role: "viewer")
        let tokens = try await auth.login(username: "hal", password: "password-hal", address: nil)
        let hal = try await auth.authenticate(accessToken: tokens.accessToken)
        await expect(.forbidden(reason: "A key's role cannot be higher than its owner's (viewer)")) { () async throws(AuthError) in
            try await auth.createAPIKey(owner: hal, name: "bot", role: "trader", expiresAt: nil, address: nil)
        }
        let created = try await auth.createAPIKey(owner: hal, name: "reader", role: "viewer", expiresAt: nil, address: nil)
        XCTAssertTrue(created.key.hasPrefix("tsk_" + created.record.prefix + "_"))
        XCTAssertNotEqual(created.record.keyHash, created.key, "only a hash is stored")
        let viaKey = try await auth.authenticate(apiKey: created.key)
        XCTAssertEqual(viaKey.credential, .apiKey(id: created.record.id))
        let listed = try await auth.listAPIKeys(for: hal)
        XCTAssertEqual(listed.map(\.id), [created.record.id])
        XCTAssertNotNil(listed[0].lastUsedAt)
        try await auth.revokeAPIKey(id: created.record.id, caller: hal, address: nil)
        await expect(.invalidToken(reason: "API key revoked")) { () async throws(AuthError) in try await auth.authenticate(apiKey: created.key) }
        await expect(.notFound("API key \(created.record.id)")) { () async throws(AuthError) in
            try await auth.revokeAPIKey(id: created.record.id, caller: hal, address: nil)
        }
        let afterRevocation = try await auth.listAPIKeys(for: hal)
        XCTAssertEqual(afterRevocation, [])
    }

    func testAnExpiredAPIKeyIsRefusedAsExpiredAndKeysOfOthersCannotBeRevoked() async throws {
        try await user("ida")
        try await user("jon")
        let ida = try await auth.authenticate(accessToken: try await auth.login(username: "ida", password: "password-ida", address: nil).accessToken)
        let jon = try await auth.authenticate(accessToken: try await auth.login(username: "jon", password: "password-jon", address: nil).accessToken)
        let soon = Int(Date().timeIntervalSince1970 * 1000) + 60_000
        let key = try await auth.createAPIKey(owner: ida, name: "short", role: "viewer", expiresAt: soon, address: nil)
        await expect(.notFound("API key \(key.record.id)")) { () async throws(AuthError) in
            try await auth.revokeAPIKey(id: key.record.id, caller: jon, address: nil)
        }
        let id = key.record.id
        try await backend.write { r throws(StorageError) in _ = try r.connection.execute("UPDATE api_keys SET expires_at = 1 WHERE id = $1", id) }
        await expect(.tokenExpired) { () async throws(AuthError) in try await auth.authenticate(apiKey: key.key) }
        await expect(.invalidToken(reason: "malformed API key")) { () async throws(AuthError) in try await auth.authenticate(apiKey: "tsk_nope") }
    }

    func testUsersAreValidatedAndUsernamesUnique() async throws {
        try await user("kim")
        await expect(.conflict("Username 'kim' is taken (usernames are unique whatever their case)")) { () async throws(AuthError) in
            try await auth.createUser(username: "kim", password: "another-password", role: "viewer", actor: nil, address: nil)
        }
        await expect(.invalid(field: "password", reason: "at least 8 characters")) { () async throws(AuthError) in
            try await auth.createUser(username: "lee", password: "short", role: "viewer", actor: nil, address: nil)
        }
        await expect(.invalid(field: "role", reason: "unknown role root")) { () async throws(AuthError) in
            try await auth.createUser(username: "lee", password: "long-enough", role: "root", actor: nil, address: nil)
        }
        let admin = Identity(userID: "x", username: "root", role: "admin", credential: .apiKey(id: "k"))
        await expect(.notFound("User missing")) { () async throws(AuthError) in
            try await auth.updateUser(id: "missing", UserChange(role: "viewer"), actor: admin, address: nil)
        }
    }

    func testUsernamesAreUniqueWhateverTheirCaseAndLoginsAreCaseExact() async throws {
        try await user("Kay")
        for taken in ["kay", "KAY", "kAY"] {
            await expect(.conflict("Username '\(taken)' is taken (usernames are unique whatever their case)")) { () async throws(AuthError) in
                try await auth.createUser(username: taken, password: "long-enough", role: "viewer", actor: nil, address: nil)
            }
        }
        _ = try await auth.login(username: "Kay", password: "password-Kay", address: nil)
        for other in ["kay", "KAY"] {
            await expect(.invalidCredentials) { () async throws(AuthError) in
                try await auth.login(username: other, password: "password-Kay", address: nil)
            }
        }
        // ASCII only, so that case-insensitive means the same for every letter.
        for name in ["émile", "Ｋａｙ", "데이터"] {
            await expect(.invalid(field: "username", reason: "3 to 64 ASCII letters, digits, '.', '_', '-' or '@'")) { () async throws(AuthError) in
                try await auth.createUser(username: name, password: "long-enough", role: "viewer", actor: nil, address: nil)
            }
        }
    }

    func testChangingOnesOwnPasswordNeedsTheCurrentOne() async throws {
        let una = try await user("una", role: "admin")
        let session = try await auth.login(username: "una", password: "password-una", address: nil)
        let caller = try await auth.authenticate(accessToken: session.accessToken)
        await expect(.currentPasswordRefused(reason: "is required to change your own password")) { () async throws(AuthError) in
            try await auth.updateUser(id: una.id, UserChange(password: "a-new-password"), actor: caller, address: nil)
        }
        await expect(.currentPasswordRefused(reason: "is not your current password")) { () async throws(AuthError) in
            try await auth.updateUser(id: una.id, UserChange(password: "a-new-password", currentPassword: "password-unb"), actor: caller, address: nil)
        }
        _ = try await auth.login(username: "una", password: "password-una", address: nil)
        XCTAssertEqual(events.actions.filter { $0 == "password_change_failed" }.count, 2)
        XCTAssertFalse(events.actions.contains("password_changed"))

        // Through an API key of the same user, too.
        let key = try await auth.createAPIKey(owner: caller, name: "ops", role: "admin", expiresAt: nil, address: nil)
        let viaKey = try await auth.authenticate(apiKey: key.key)
        await expect(.currentPasswordRefused(reason: "is required to change your own password")) { () async throws(AuthError) in
            try await auth.updateUser(id: una.id, UserChange(password: "a-new-password"), actor: viaKey, address: nil)
        }
        _ = try await auth.updateUser(id: una.id, UserChange(password: "a-new-password", currentPassword: "password-una"), actor: caller, address: nil)
        _ = try await auth.login(username: "una", password: "a-new-password", address: nil)
        await expect(.invalidCredentials) { () async throws(AuthError) in try await auth.login(username: "una", password: "password-una", address: nil) }
    }

    func testChangingOnesOwnPasswordEndsTheOtherSessionsOnly() async throws {
        let vic = try await user("vic", role: "admin")
        let current = try await auth.login(username: "vic", password: "password-vic", address: nil)
        let other = try await auth.login(username: "vic", password: "password-vic", address: nil)
        let caller = try await auth.authenticate(accessToken: current.accessToken)
        _ = try await auth.authenticate(accessToken: other.accessToken)  // cached
        let key = try await auth.createAPIKey(owner: caller, name: "bot", role: "viewer", expiresAt: nil, address: nil)
        _ = try await auth.updateUser(id: vic.id, UserChange(password: "a-new-password", currentPassword: "password-vic"), actor: caller, address: nil)

        let stillIn = try await auth.authenticate(accessToken: current.accessToken)
        XCTAssertEqual(stillIn.userID, vic.id, "the session that changed the password stays open")
        _ = try await auth.refresh(current.refreshToken, address: nil)
        await expect(.invalidToken(reason: "session ended")) { () async throws(AuthError) in try await auth.authenticate(accessToken: other.accessToken) }
        await expect(.invalidToken(reason: "refresh token revoked")) { () async throws(AuthError) in try await auth.refresh(other.refreshToken, address: nil) }
        let keyUser = try await auth.authenticate(apiKey: key.key).userID
        XCTAssertEqual(keyUser, vic.id, "API keys are not sessions")
        XCTAssertEqual(events.actions.last, "password_changed")
    }

    func testAnAdminSettingAnotherUsersPasswordNeedsNoCurrentOneAndEndsAllTheirSessions() async throws {
        let wes = try await user("wes")
        let session = try await auth.login(username: "wes", password: "password-wes", address: nil)
        let admin = Identity(userID: "root-id", username: "root", role: "admin", credential: .accessToken(familyID: "f"))
        _ = try await auth.updateUser(id: wes.id, UserChange(password: "a-new-password"), actor: admin, address: nil)
        await expect(.invalidToken(reason: "session ended")) { () async throws(AuthError) in try await auth.authenticate(accessToken: session.accessToken) }
        _ = try await auth.login(username: "wes", password: "a-new-password", address: nil)
    }

    func testAnAPIKeyCannotCreateAPIKeys() async throws {
        try await user("xia")
        let session = try await auth.authenticate(accessToken: try await auth.login(username: "xia", password: "password-xia", address: nil).accessToken)
        let parent = try await auth.createAPIKey(owner: session, name: "parent", role: "trader", expiresAt: nil, address: nil)
        let viaKey = try await auth.authenticate(apiKey: parent.key)
        await expect(.forbidden(reason: "An API key cannot create API keys; log in and create it with an access token")) { () async throws(AuthError) in
            try await auth.createAPIKey(owner: viaKey, name: "child", role: "viewer", expiresAt: nil, address: nil)
        }
        let keys = try await auth.listAPIKeys(for: session)
        XCTAssertEqual(keys.map(\.id), [parent.record.id])
    }

    func testAnAdminDisablingDemotingOrDeletingItselfIsAConflict() async throws {
        let root = try await user("root", role: "admin")
        let admin = Identity(userID: root.id, username: "root", role: "admin", credential: .apiKey(id: "k"))
        for change in [UserChange(disabled: true), UserChange(role: "trader"), UserChange(role: "viewer", disabled: false)] {
            await expect(.conflict("Admins cannot disable or demote themselves")) { () async throws(AuthError) in
                try await auth.updateUser(id: root.id, change, actor: admin, address: nil)
            }
        }
        await expect(.conflict("Admins cannot delete themselves")) { () async throws(AuthError) in
            try await auth.deleteUser(id: root.id, actor: admin, address: nil)
        }
        let unchanged = try await auth.user(id: root.id)
        XCTAssertEqual(unchanged.role, "admin")
        XCTAssertFalse(unchanged.disabled)
        let kept = try await auth.updateUser(id: root.id, UserChange(role: "admin", disabled: false), actor: admin, address: nil)
        XCTAssertEqual(kept.role, "admin")
    }

    func testAnAPIKeyExpiringNowOrBeforeIsAConflict() async throws {
        try await user("ned")
        let ned = try await auth.authenticate(accessToken: try await auth.login(username: "ned", password: "password-ned", address: nil).accessToken)
        let now = Int(Date().timeIntervalSince1970 * 1000)
        for expiry in [now - 60_000, 0] {
            await expect(.conflict("expires_at must be in the future")) { () async throws(AuthError) in
                try await auth.createAPIKey(owner: ned, name: "late", role: "viewer", expiresAt: expiry, address: nil)
            }
        }
        let keys = try await auth.listAPIKeys(for: ned)
        XCTAssertEqual(keys, [])
    }

    func testLengthsAreCountedInCodePointsAndKeyNamesKeptAsTheSchemaSays() async throws {
        // Eight code points, four grapheme clusters: long enough, as the schema's minLength counts.
        let combining = String(repeating: "e\u{301}", count: 4)
        try await auth.createUser(username: "ola", password: combining, role: "viewer", actor: nil, address: nil)
        let ola = try await auth.authenticate(accessToken: try await auth.login(username: "ola", password: combining, address: nil).accessToken)
        let spaces = try await auth.createAPIKey(owner: ola, name: "   ", role: "viewer", expiresAt: nil, address: nil)
        XCTAssertEqual(spaces.record.name, "   ")
        await expect(.invalid(field: "name", reason: "1 to 64 characters")) { () async throws(AuthError) in
            try await auth.createAPIKey(owner: ola, name: "", role: "viewer", expiresAt: nil, address: nil)
        }
        await expect(.invalid(field: "password", reason: "at least 8 characters")) { () async throws(AuthError) in
            try await auth.createUser(username: "pia", password: "e\u{301}e\u{301}e\u{301}", role: "viewer", actor: nil, address: nil)
        }
    }

    func testTheFirstAdminIsCreatedOnceWithAGeneratedOrGivenPassword() async throws {
        let created = try await auth.bootstrapAdmin(password: nil)
        let password = try XCTUnwrap(created?.generatedPassword)
        XCTAssertGreaterThanOrEqual(password.count, 20)
        let again = try await auth.bootstrapAdmin(password: "ignored-now")
        XCTAssertNil(again, "users exist: nothing is created")
        let tokens = try await auth.login(username: "admin", password: password, address: nil)
        let role = try await auth.authenticate(accessToken: tokens.accessToken).role
        XCTAssertEqual(role, "admin")
    }

    func testAuditEventsNeverCarryPasswordsOrTokens() async throws {
        try await user("max")
        let tokens = try await auth.login(username: "max", password: "password-max", address: "10.1.1.1")
        _ = try? await auth.login(username: "max", password: "wrong-secret-guess", address: nil)
        let identity = try await auth.authenticate(accessToken: tokens.accessToken)
        let key = try await auth.createAPIKey(owner: identity, name: "k", role: "viewer", expiresAt: nil, address: nil)
        let lines = events.events.map { $0.jsonLine(epochMilliseconds: 0) }.joined(separator: "\n")
        for secret in ["password-max", "wrong-secret-guess", tokens.accessToken, tokens.refreshToken, key.key] {
            XCTAssertFalse(lines.contains(secret), "an audit line contains a secret")
        }
        XCTAssertTrue(lines.contains("\"action\":\"login\""))
    }
}

final class AuditEventTests: XCTestCase {
    func testAuditLinesAreJSONEvenForHostileNames() throws {
        let event = AuditEvent(action: "login_failed", actor: "eve\"\n\u{1}\\", address: "10.0.0.1", detail: "wrong password")
        let line = event.jsonLine(epochMilliseconds: 42)
        XCTAssertFalse(line.contains("\n"), "one event, one line")
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        XCTAssertEqual(object["log"] as? String, "audit")
        XCTAssertEqual(object["actor"] as? String, "eve\"\n\u{1}\\")
        XCTAssertEqual(object["time"] as? Int, 42)
        XCTAssertNil(object["target"])
    }
}

/// Collects audit events from the service's threads.
final class EventRecorder: Sendable {
    private let storage = Mutex<[AuditEvent]>([])

    func record(_ event: AuditEvent) { storage.withLock { $0.append(event) } }
    var events: [AuditEvent] { storage.withLock { $0 } }
    var actions: [String] { events.map(\.action) }
}
