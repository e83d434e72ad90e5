import Foundation
import XCTest
@testable import Backends
@testable import Security
import Accounts

/// Two server instances sharing one PostgreSQL database: an account change made through
/// one reaches the other's cached identities at once (NOTIFY), not after the cache's lifetime.
final class AuthServiceInstancesTests: XCTestCase {
    /// Two auth services over two connections to one fresh schema; `body` runs with both.
    private func withTwoInstances(_ body: (AuthService, AuthService) async throws -> Void) async throws {
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
        try await body(one, two)
    }

    /// How `check` fails within two seconds, well inside the cache's lifetime (5 s): the
    /// notification must have cleared the cache. Nil when it kept succeeding.
    private func refusalSoon(_ check: () async throws(AuthError) -> Void) async throws -> AuthError? {
        for _ in 0..<40 {
            do {
                try await check()
            } catch {
                return error
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        return nil
    }

    func testRevokingAKeyOnOneInstanceStopsItOnAnother() async throws {
        try await withTwoInstances { one, two in
            _ = try await one.createUser(username: "bea", password: "password-bea", role: "trader", actor: nil, address: nil)
            let owner = try await one.authenticate(accessToken: try await one.login(username: "bea", password: "password-bea", address: nil).accessToken)
            let key = try await one.createAPIKey(owner: owner, name: "bot", role: "viewer", expiresAt: nil, address: nil)
            _ = try await one.authenticate(apiKey: key.key)  // now cached on instance one
            try await two.revokeAPIKey(id: key.record.id, caller: owner, address: nil)
            let refusal = try await refusalSoon { () async throws(AuthError) in _ = try await one.authenticate(apiKey: key.key) }
            XCTAssertEqual(refusal, .invalidToken(reason: "API key revoked"), "instance one still accepts a key revoked on instance two")
        }
    }

    func testDisablingAUserOnOneInstanceStopsTheirTokenOnAnother() async throws {
        try await withTwoInstances { one, two in
            let user = try await one.createUser(username: "ann", password: "password-ann", role: "trader", actor: nil, address: nil)
            let tokens = try await one.login(username: "ann", password: "password-ann", address: nil)
            _ = try await one.authenticate(accessToken: tokens.accessToken)  // now cached on instance one

            let root = Identity(userID: "root", username: "root", role: "admin", credential: .apiKey(id: "k"))
            _ = try await two.updateUser(id: user.id, UserChange(disabled: true), actor: root, address: nil)

            let refusal = try await refusalSoon { () async throws(AuthError) in _ = try await one.authenticate(accessToken: tokens.accessToken) }
            XCTAssertEqual(refusal, .invalidToken(reason: "user disabled or deleted"),
                           "instance one still accepts the token of a user disabled on instance two")
        }
    }
}
