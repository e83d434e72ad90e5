import Foundation
import XCTest
@testable import Security
@testable import Backends
import Accounts

/// Claims of access tokens checked by `AuthService.authenticate`: `nbf`, and the session
/// family named by `jti`, which must be the subject's own.
final class AccessTokenClaimsTests: XCTestCase {
    private var directory: URL!
    private var backend: Backend!
    private var auth: AuthService!
    private let secret = Array("a test secret of at least thirty-two bytes".utf8)

    override func setUp() async throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("claims-\(UUID().uuidString)")
        backend = try await Backend.open("sqlite:" + directory.appendingPathComponent("trading.db").path)
        auth = AuthService(backend: backend, signer: JWTSigner(secret: secret), roles: .testRoles, hasher: PasswordHasher(iterations: 1_000))
    }

    override func tearDown() async throws {
        backend?.database.close()
        try? FileManager.default.removeItem(at: directory)
    }

    /// A user logged in once: its record and the claims of its access token.
    private func session(_ name: String) async throws -> (UserRecord, JWTClaims) {
        let user = try await auth.createUser(username: name, password: "password-\(name)", role: "trader", actor: "test", address: nil)
        let tokens = try await auth.login(username: name, password: "password-\(name)", address: nil)
        return (user, try JWTSigner(secret: secret).verify(tokens.accessToken, now: Int(Date().timeIntervalSince1970)))
    }

    private func family(_ claims: JWTClaims) -> String {
        String(claims.jti.prefix { $0 != "." })
    }

    private func assertRefused(_ claims: JWTClaims, file: StaticString = #filePath, line: UInt = #line) async {
        do {
            let identity = try await auth.authenticate(accessToken: JWTSigner(secret: secret).sign(claims))
            XCTFail("accepted as \(identity.username)", file: file, line: line)
        } catch {
            guard case .invalidToken = error else { return XCTFail("expected invalidToken, got \(error)", file: file, line: line) }
        }
    }

    func testATokenNamingAnotherUsersSessionIsRefused() async throws {
        let (_, ann) = try await session("ann")
        let (bob, bobClaims) = try await session("bob")
        var borrowed = bobClaims
        borrowed.jti = family(ann) + ".borrowed"
        await assertRefused(borrowed)
        var own = bobClaims
        own.jti = family(bobClaims) + ".minted"
        let identity = try await auth.authenticate(accessToken: JWTSigner(secret: secret).sign(own))
        XCTAssertEqual(identity.userID, bob.id)
    }

    func testATokenNotYetValidIsRefusedAndOneValidAlreadyIsAccepted() async throws {
        let (user, claims) = try await session("cal")
        let now = Int(Date().timeIntervalSince1970)
        var early = claims
        early.nbf = now + 600
        await assertRefused(early)
        var valid = claims
        valid.nbf = now - 1
        let identity = try await auth.authenticate(accessToken: JWTSigner(secret: secret).sign(valid))
        XCTAssertEqual(identity.userID, user.id)
    }
}
