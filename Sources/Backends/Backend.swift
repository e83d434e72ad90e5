import Synchronization

/// The storage of the product over either database. Repositories are written once in
/// portable SQL against `SQLConnection`; `SQLiteDatabase` and `PostgresDatabase` supply the
/// dialects. Every repository method runs inside `read` or `write`, so one `write` can span
/// repositories atomically (a fill updates order, position, lots and balance together).
public final class Backend: Sendable {
    /// The database underneath.
    public let database: any SQLDatabase
    private let failureObservers = Mutex<[@Sendable (StorageError) -> Void]>([])
    /// How long the reads and writes through this backend take (`/metrics`).
    public let timings = DatabaseTimings()

    public init(database: any SQLDatabase) {
        self.database = database
    }

    /// Opens the database a setting names (`sqlite:PATH` or `postgres://…`) and migrates it.
    /// `poolSize` is the number of PostgreSQL connections, or of SQLite reader connections
    /// (SQLite has one writer besides); `statementTimeoutMilliseconds` bounds every
    /// PostgreSQL statement (SQLite statements are local and short).
    public static func open(_ setting: String, poolSize: Int = 4, statementTimeoutMilliseconds: Int = 30_000)
        async throws(StorageError) -> Backend {
        let database: any SQLDatabase
        if setting.hasPrefix("sqlite:") {
            database = try SQLiteDatabase(path: String(setting.dropFirst("sqlite:".count)), readers: max(1, poolSize))
        } else if setting.hasPrefix("postgres://") || setting.hasPrefix("postgresql://") {
            database = try PostgresDatabase(url: setting, poolSize: poolSize, statementTimeoutMilliseconds: statementTimeoutMilliseconds)
        } else {
            throw .failed(message: "unknown database setting (use sqlite:PATH or postgres://…)", statement: "")
        }
        try await Migrator.migrate(database)
        return Backend(database: database)
    }

    /// The right to run the engine on this database; nil while another process, or another
    /// `Backend` of this process, holds it. Keep the lease for as long as the engine runs.
    public func acquireEngineLease() async throws(StorageError) -> EngineLease? {
        try await database.acquireEngineLease()
    }

    /// Runs `body` in one transaction over every repository.
    public func write<Result: Sendable>(_ body: @escaping @Sendable (Repositories) throws(StorageError) -> Result) async throws(StorageError) -> Result {
        let start = ContinuousClock.now
        defer { timings.writes.observe(start.duration(to: .now)) }
        do {
            return try await database.write { connection throws(StorageError) in try body(Repositories(connection)) }
        } catch {
            reportFailure(error)
            throw error
        }
    }

    /// Runs `body` for reading over every repository.
    public func read<Result: Sendable>(_ body: @escaping @Sendable (Repositories) throws(StorageError) -> Result) async throws(StorageError) -> Result {
        let start = ContinuousClock.now
        defer { timings.reads.observe(start.duration(to: .now)) }
        do {
            return try await database.read { connection throws(StorageError) in try body(Repositories(connection)) }
        } catch {
            reportFailure(error)
            throw error
        }
    }

    /// Calls `observer` with every failure of the database itself that a `read` or `write`
    /// meets: unreachable, timed out, a statement it refused, a value it could not decode.
    /// Refusals of the data (unique, foreign key and check constraints) are answers, not
    /// failures, and are not reported. The observer must return quickly.
    public func observeFailures(_ observer: @escaping @Sendable (StorageError) -> Void) {
        failureObservers.withLock { $0.append(observer) }
    }

    private func reportFailure(_ error: StorageError) {
        switch error {
        case .unavailable, .timeout, .failed, .decoding:
            for observer in failureObservers.withLock({ $0 }) { observer(error) }
        case .uniqueViolation, .foreignKeyViolation, .constraintViolation:
            break
        }
    }
}
