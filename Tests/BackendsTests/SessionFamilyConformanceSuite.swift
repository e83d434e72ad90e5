import Foundation
import XCTest
@testable import Backends
import Primitives

/// Session families: a family is active for the user whose refresh tokens it holds, while one
/// of them is unrevoked, and for nobody else.
extension ConformanceSuite {
    func aFamilyIsActiveOnlyForItsOwnUser() async throws {
        let eve = Self.user("eve")
        let fox = Self.user("fox")
        try await backend.write { r throws(StorageError) in
            try r.users.insert(eve)
            try r.users.insert(fox)
            try r.refreshTokens.insert(RefreshTokenRecord(id: "e1", userID: eve.id, familyID: "eve-session", tokenHash: "eh1",
                                                          createdAt: Self.now, expiresAt: Self.now + 1000))
        }
        let active = try await backend.read { r throws(StorageError) in
            [try r.refreshTokens.familyIsActive("eve-session", userID: eve.id),
             try r.refreshTokens.familyIsActive("eve-session", userID: fox.id),
             try r.refreshTokens.familyIsActive("no-such-session", userID: eve.id)]
        }
        XCTAssertEqual(active, [true, false, false])
        try await backend.write { r throws(StorageError) in _ = try r.refreshTokens.revokeFamily("eve-session", at: Self.now + 1) }
        let revoked = try await backend.read { r throws(StorageError) in try r.refreshTokens.familyIsActive("eve-session", userID: eve.id) }
        XCTAssertFalse(revoked)
    }
}

/// The session-family conformance suite on SQLite.
final class SQLiteSessionFamilyConformanceTests: SQLiteBackendTestCase {
    func testAFamilyIsActiveOnlyForItsOwnUser() async throws { try await suite.aFamilyIsActiveOnlyForItsOwnUser() }
}

/// The session-family conformance suite on PostgreSQL.
final class PostgresSessionFamilyConformanceTests: PostgresBackendTestCase {
    func testAFamilyIsActiveOnlyForItsOwnUser() async throws { try await suite.aFamilyIsActiveOnlyForItsOwnUser() }
}
