import Primitives

/// Applies a dialect's migrations.
public enum Migrator {
    /// The ordered migrations of a dialect.
    public static func migrations(for dialect: SQLDialect) -> [Migration] {
        switch dialect {
        case .sqlite: return SQLiteSchema.migrations
        case .postgresql: return PostgresSchema.migrations
        }
    }

    /// Applies every migration not yet recorded; returns the versions applied now. A
    /// migration whose precondition fails stops the run with `.failed`, saying why.
    @discardableResult
    public static func migrate(_ database: any SQLDatabase) async throws(StorageError) -> [Int] {
        let migrations = migrations(for: database.dialect)
        var applied: [Int] = []
        for migration in migrations {
            let ran = try await database.write { connection throws(StorageError) -> Bool in
                if connection.dialect == .postgresql {
                    // Several server instances may start at once: one migrates, the others wait.
                    // The lock comes first: two concurrent CREATE TABLE IF NOT EXISTS on a fresh
                    // database collide on the catalog (pg_type_typname_nsp_index) instead of waiting.
                    try connection.query("SELECT pg_advisory_xact_lock(7413901)")
                }
                try connection.executeScript(
                    "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)")
                let done = try connection.query("SELECT version FROM schema_migrations WHERE version = $1", migration.version)
                guard done.isEmpty else { return false }
                if let precondition = migration.precondition {
                    let obstacles = try connection.query(precondition.query)
                    if !obstacles.isEmpty {
                        throw .failed(message: "migration \(migration.version) (\(migration.name)) cannot run, nothing was changed: "
                                      + (try precondition.explain(obstacles)), statement: precondition.query)
                    }
                }
                try connection.executeScript(migration.sql)
                try connection.execute(
                    "INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)",
                    migration.version, migration.name, Timestamp.nowMilliseconds())
                return true
            }
            if ran { applied.append(migration.version) }
        }
        return applied
    }

    /// The versions recorded in `schema_migrations`.
    public static func appliedVersions(_ database: any SQLDatabase) async throws(StorageError) -> [Int] {
        try await database.read { connection throws(StorageError) -> [Int] in
            try connection.query("SELECT version FROM schema_migrations ORDER BY version").map { row throws(StorageError) in
                try row.int("version")
            }
        }
    }
}
