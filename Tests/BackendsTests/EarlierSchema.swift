import Foundation
import XCTest
@testable import Backends

/// A database as an older server left it, for testing a migration on data that predates it.
enum EarlierSchema {
    /// Applies and records every migration before `version`, then runs `fill` in the same
    /// transaction to leave the rows the migration will find.
    static func prepare(_ database: any SQLDatabase, before version: Int,
                        fill: @escaping @Sendable (any SQLConnection) throws(StorageError) -> Void) async throws {
        let earlier = Migrator.migrations(for: database.dialect).filter { $0.version < version }
        try await database.write { connection throws(StorageError) in
            for migration in earlier { try connection.executeScript(migration.sql) }
            try connection.executeScript(
                "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)")
            for migration in earlier {
                try connection.execute("INSERT INTO schema_migrations VALUES ($1, $2, 0)", migration.version, migration.name)
            }
            try fill(connection)
        }
    }

    /// Runs `body` on a new SQLite file, not migrated yet, removed afterwards.
    static func onSQLiteFile(_ body: (any SQLDatabase) async throws -> Void) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("migrate-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let database = try SQLiteDatabase(path: directory.appendingPathComponent("t.db").path)
        defer { database.close() }
        try await body(database)
    }

    /// Runs `body` on the throwaway PostgreSQL server (`TRADING_TEST_POSTGRES_URL`), in the
    /// empty schema `schema`, not migrated yet; skipped when the variable is not set.
    static func onPostgres(schema: String, _ body: (any SQLDatabase) async throws -> Void) async throws {
        guard let url = ProcessInfo.processInfo.environment["TRADING_TEST_POSTGRES_URL"] else {
            throw XCTSkip("TRADING_TEST_POSTGRES_URL is not set (make test starts a throwaway PostgreSQL)")
        }
        let database = try PostgresDatabase(url: try await PostgresDatabase.url(url, selectingEmptySchema: schema), poolSize: 1)
        defer { database.close() }
        try await body(database)
    }
}
