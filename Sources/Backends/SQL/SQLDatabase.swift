/// A database: a pool of connections used off the event loops. `write` runs its body in one
/// transaction (committed when it returns, rolled back when it throws); `read` runs on a
/// reader (SQLite) or any pooled connection (PostgreSQL).
public protocol SQLDatabase: Sendable {
    var dialect: SQLDialect { get }
    /// Runs `body` in a transaction.
    func write<Result: Sendable>(_ body: @escaping @Sendable (any SQLConnection) throws(StorageError) -> Result) async throws(StorageError) -> Result
    /// Runs `body` for reading.
    func read<Result: Sendable>(_ body: @escaping @Sendable (any SQLConnection) throws(StorageError) -> Result) async throws(StorageError) -> Result
    /// A cheap round trip, for readiness; returns the latency in milliseconds.
    func ping() async throws(StorageError) -> Int
    /// The connections now: how many, open, busy, and the jobs waiting for one.
    var poolStatistics: SQLPoolStatistics { get }
    /// Closes every connection; later calls fail with `.unavailable`.
    func close()
    /// The right to run the engine on this database, or nil while another instance holds
    /// it (see `EngineLease`).
    func acquireEngineLease() async throws(StorageError) -> EngineLease?
    /// Gives back the memory the connections cache and no longer need (after bulk work).
    func releaseMemory() async
}

extension SQLDatabase {
    /// Nothing is cached in this process by default (PostgreSQL caches on its server).
    public func releaseMemory() async {}
}
