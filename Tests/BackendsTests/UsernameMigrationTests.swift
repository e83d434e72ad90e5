import Foundation
import XCTest
@testable import Backends

/// Migration 5 (usernames unique whatever their case) on databases that already hold users,
/// written once and run on SQLite and PostgreSQL.
struct UsernameMigrationSuite {
    let database: any SQLDatabase

    /// Makes the database what an older server left: every migration before 5 applied and
    /// recorded, and users with these names.
    func prepareEarlierVersion(with usernames: [String]) async throws {
        try await EarlierSchema.prepare(database, before: 5) { connection throws(StorageError) in
            for (index, name) in usernames.enumerated() {
                try connection.execute(
                    "INSERT INTO users (id, username, password_hash, role, created_at, updated_at) VALUES ($1, $2, 'h', 'viewer', $3, $3)",
                    "u\(index)", name, index)
            }
        }
    }

    private var versionsBefore5: [Int] {
        Migrator.migrations(for: database.dialect).map(\.version).filter { $0 < 5 }
    }

    /// Version 5 and every later one.
    private var versionsFrom5: [Int] {
        Migrator.migrations(for: database.dialect).map(\.version).filter { $0 >= 5 }
    }

    func clashingUsernamesStopTheMigrationNamingThemAndChangeNothing() async throws {
        try await prepareEarlierVersion(with: ["admin", "Admin", "bob", "BOB", "carl"])
        do {
            try await Migrator.migrate(database)
            XCTFail("the migration ran over usernames that differ only in case")
        } catch {
            guard case .failed(let message, _) = error else { return XCTFail("\(error)") }
            XCTAssertTrue(message.contains("migration 5"), message)
            for clash in ["'admin' (id u0)", "'Admin' (id u1)", "'bob' (id u2)", "'BOB' (id u3)"] {
                XCTAssertTrue(message.contains(clash), "\(clash) not named: \(message)")
            }
            XCTAssertFalse(message.contains("carl"), message)
        }
        let applied = try await Migrator.appliedVersions(database)
        XCTAssertEqual(applied, versionsBefore5, "nothing was recorded")
        let names = try await database.read { connection throws(StorageError) in
            try connection.query("SELECT username FROM users ORDER BY id").map { row throws(StorageError) in try row.string("username") }
        }
        XCTAssertEqual(names, ["admin", "Admin", "bob", "BOB", "carl"], "no user was changed")

        // Once the operator keeps one user of each group, the migration runs.
        try await database.write { connection throws(StorageError) in
            try connection.execute("DELETE FROM users WHERE id IN ('u1', 'u3')")
        }
        let now = try await Migrator.migrate(database)
        XCTAssertEqual(now, versionsFrom5)
        let backend = Backend(database: database)
        do {
            try await backend.write { r throws(StorageError) in
                try r.users.insert(UserRecord(id: "u9", username: "CARL", passwordHash: "h", role: "viewer", createdAt: 9, updatedAt: 9))
            }
            XCTFail("CARL accepted beside carl")
        } catch {
            guard case .uniqueViolation = error else { return XCTFail("\(error)") }
        }
    }

    func usernamesThatDoNotClashMigrate() async throws {
        try await prepareEarlierVersion(with: ["ann", "Bea", "émile", "Émile"])
        let applied = try await Migrator.migrate(database)
        XCTAssertEqual(applied, versionsFrom5)
        let again = try await Migrator.migrate(database)
        XCTAssertEqual(again, [], "running it again does nothing")
    }
}

/// Migration 5 on SQLite files.
final class SQLiteUsernameMigrationTests: XCTestCase {
    private var directory: URL!
    private var database: SQLiteDatabase!

    override func setUp() async throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("usernames-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        database = try SQLiteDatabase(path: directory.appendingPathComponent("t.db").path)
    }

    override func tearDown() async throws {
        database?.close()
        try? FileManager.default.removeItem(at: directory)
    }

    func testClashingUsernamesStopTheMigrationNamingThemAndChangeNothing() async throws {
        try await UsernameMigrationSuite(database: database).clashingUsernamesStopTheMigrationNamingThemAndChangeNothing()
    }

    func testUsernamesThatDoNotClashMigrate() async throws {
        try await UsernameMigrationSuite(database: database).usernamesThatDoNotClashMigrate()
    }
}

/// Migration 5 on the throwaway PostgreSQL server, in a schema of its own per test.
final class PostgresUsernameMigrationTests: XCTestCase {
    private var database: PostgresDatabase!

    override func setUp() async throws {
        guard let url = ProcessInfo.processInfo.environment["TRADING_TEST_POSTGRES_URL"] else {
            throw XCTSkip("TRADING_TEST_POSTGRES_URL is not set (make test starts a throwaway PostgreSQL)")
        }
        database = try PostgresDatabase(url: try await PostgresDatabase.url(url, selectingEmptySchema: "username_migration"), poolSize: 1)
    }

    override func tearDown() async throws {
        database?.close()
    }

    func testClashingUsernamesStopTheMigrationNamingThemAndChangeNothing() async throws {
        try await UsernameMigrationSuite(database: database).clashingUsernamesStopTheMigrationNamingThemAndChangeNothing()
    }

    func testUsernamesThatDoNotClashMigrate() async throws {
        try await UsernameMigrationSuite(database: database).usernamesThatDoNotClashMigrate()
    }
}
