import Foundation
import XCTest
@testable import Backends

/// One engine per database: a second `Backend` on the same database gets no lease while the
/// first holds it, and gets it once it is released; written once, run on both backends.
struct EngineLeaseSuite {
    /// Opens another `Backend` on the same database.
    let open: @Sendable () async throws -> Backend

    func aSecondInstanceWaitsUntilTheLeaseIsReleased() async throws {
        let first = try await open(), second = try await open()
        defer { first.database.close(); second.database.close() }
        let lease = try await first.acquireEngineLease()
        XCTAssertEqual(lease?.isHeld, true)
        let verified = await lease?.verify()
        XCTAssertEqual(verified, true)
        let refused = try await second.acquireEngineLease()
        XCTAssertNil(refused, "a second engine on the same database")
        let again = try await first.acquireEngineLease()
        XCTAssertNil(again, "the holder's own Backend does not get a second lease either")
        lease?.release()
        XCTAssertEqual(lease?.isHeld, false)
        let released = await lease?.verify()
        XCTAssertEqual(released, false)
        let taken = try await second.acquireEngineLease()
        XCTAssertNotNil(taken, "released, so the other instance takes it")
        taken?.release()
    }

    func droppingTheLeaseReleasesIt() async throws {
        let first = try await open(), second = try await open()
        defer { first.database.close(); second.database.close() }
        var lease = try await first.acquireEngineLease()
        XCTAssertNotNil(lease)
        lease = nil
        let taken = try await second.acquireEngineLease()
        XCTAssertNotNil(taken)
    }
}

/// The engine lease on an SQLite file (`flock` on its sidecar file).
final class SQLiteEngineLeaseTests: XCTestCase {
    private var directory: URL!

    override func setUp() async throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("lease-\(UUID().uuidString)")
    }

    override func tearDown() async throws {
        try? FileManager.default.removeItem(at: directory)
    }

    private var suite: EngineLeaseSuite {
        let path = directory.appendingPathComponent("t.db").path
        return EngineLeaseSuite { try await Backend.open("sqlite:" + path, poolSize: 1) }
    }

    func testASecondInstanceWaitsUntilTheLeaseIsReleased() async throws { try await suite.aSecondInstanceWaitsUntilTheLeaseIsReleased() }
    func testDroppingTheLeaseReleasesIt() async throws { try await suite.droppingTheLeaseReleasesIt() }

    func testTheLockFileSitsBesideTheDatabase() async throws {
        let path = directory.appendingPathComponent("t.db").path
        let backend = try await Backend.open("sqlite:" + path, poolSize: 1)
        defer { backend.database.close() }
        let lease = try await backend.acquireEngineLease()
        XCTAssertNotNil(lease)
        XCTAssertTrue(FileManager.default.fileExists(atPath: path + ".engine-lock"))
    }
}

/// The engine lease on the throwaway PostgreSQL server (an advisory lock), in a schema of its own.
final class PostgresEngineLeaseTests: XCTestCase {
    private func serverURL() throws -> String {
        guard let url = ProcessInfo.processInfo.environment["TRADING_TEST_POSTGRES_URL"] else {
            throw XCTSkip("TRADING_TEST_POSTGRES_URL is not set (make test starts a throwaway PostgreSQL)")
        }
        return url
    }

    private func suite() async throws -> EngineLeaseSuite {
        let setting = try await PostgresDatabase.url(try serverURL(), selectingEmptySchema: "engine_lease")
        return EngineLeaseSuite { try await Backend.open(setting, poolSize: 1) }
    }

    func testASecondInstanceWaitsUntilTheLeaseIsReleased() async throws { try await suite().aSecondInstanceWaitsUntilTheLeaseIsReleased() }
    func testDroppingTheLeaseReleasesIt() async throws { try await suite().droppingTheLeaseReleasesIt() }

    func testALeaseWhoseSessionTheServerDroppedIsLost() async throws {
        let setting = try await PostgresDatabase.url(try serverURL(), selectingEmptySchema: "engine_lease_lost")
        let holder = try await Backend.open(setting, poolSize: 1), other = try await Backend.open(setting, poolSize: 1)
        defer { holder.database.close(); other.database.close() }
        let acquired = try await holder.acquireEngineLease()
        let lease = try XCTUnwrap(acquired)
        let before = await lease.verify()
        XCTAssertTrue(before)
        // An administrator (or a server restart) ends the holding session.
        let ended = try await other.write { r throws(StorageError) in
            try r.connection.query(
                "SELECT count(pg_terminate_backend(pid)) AS n FROM pg_locks WHERE locktype = 'advisory' AND granted AND pid <> pg_backend_pid()")
                .first?.int("n") ?? 0
        }
        XCTAssertGreaterThanOrEqual(ended, 1)
        let after = await lease.verify()
        XCTAssertFalse(after, "the lock went with the session")
        let taken = try await other.acquireEngineLease()
        XCTAssertNotNil(taken, "and another instance may take it")
    }

    func testSeparateSchemasHaveSeparateLeases() async throws {
        let url = try serverURL()
        let one = try await Backend.open(try await PostgresDatabase.url(url, selectingEmptySchema: "engine_lease_a"), poolSize: 1)
        let other = try await Backend.open(try await PostgresDatabase.url(url, selectingEmptySchema: "engine_lease_b"), poolSize: 1)
        defer { one.database.close(); other.database.close() }
        let first = try await one.acquireEngineLease()
        let second = try await other.acquireEngineLease()
        XCTAssertNotNil(first)
        XCTAssertNotNil(second, "another schema is another database of the product")
    }
}
