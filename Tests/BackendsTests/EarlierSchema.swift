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
}
