import Foundation
import XCTest
@testable import Backends
@testable import Security
import Accounts

/// Two server instances sharing one PostgreSQL database: an account change made through
/// one reaches the other's cached identities at once (NOTIFY), not after the cache's lifetime.
final class AuthServiceInstancesTests: XCTestCase {
    func testDisablingAUserOnOneInstanceStopsTheirTokenOnAnother() async throws {
        guard let url = ProcessInfo.processInfo.environment["TRADING_TEST_POSTGRES_URL"] else {
            throw XCTSkip("TRADING_TEST_POSTGRES_URL is not set (make test starts a throwaway PostgreSQL)")
        }
        let setting = try await PostgresDatabase.url(url, selectingEmptySchema: "instances")
        let first = try await Backend.open(setting, poolSize: 2)
        let second = try await Backend.open(setting, poolSize: 2)
        defer {
            first.database.close()
            second.database.close()
        }
        let signer = JWTSigner(secret: Array("a shared secret of at least thirty-two bytes".utf8))
        let one = AuthService(backend: first, signer: signer, roles: .testRoles, hasher: PasswordHasher(iterations: 1_000), audit: { _ in })
        let two = AuthService(backend: second, signer: signer, roles: .testRoles, hasher: PasswordHasher(iterations: 1_000), audit: { _ in })
        let user = try await one.createUser(username: "ann", password: "password-ann", role: "trader", actor: nil, address: nil)
        let tokens = try await one.login(username: "ann", password: "password-ann", address: nil)
        _ = try await one.authenticate(accessToken: tokens.accessToken)  // now cached on instance one

        let root = Identity(userID: "root", username: "root", role: "admin", credential: .apiKey(id: "k"))
        _ = try await two.updateUser(id: user.id, UserChange(disabled: true), actor: root, address: nil)

        // Well inside the cache's lifetime (5 s): the notification must have cleared it.
        var refused = false
        for _ in 0..<40 where !refused {
            do {
                _ = try await one.authenticate(accessToken: tokens.accessToken)
                try await Task.sleep(for: .milliseconds(50))
            } catch {
                XCTAssertEqual(error as? AuthError, .invalidToken(reason: "user disabled or deleted"))
                refused = true
            }
        }
        XCTAssertTrue(refused, "instance one still accepts the token of a user disabled on instance two")
    }
}
