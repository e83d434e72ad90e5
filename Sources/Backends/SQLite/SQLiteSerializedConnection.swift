/// A connection together with the thread that owns it: every use of the connection is a
/// job on that thread, so SQLite calls never block Swift's cooperative pool or an event
/// loop, and the connection never sees two threads at once (GRDB's `SerializedDatabase`).
final class SQLiteSerializedConnection: Sendable {
    private let connection: SQLiteConnection
    private let worker: BlockingWorker

    /// Takes over `connection`; from here on it is only used on the new worker's thread.
    init(_ connection: SQLiteConnection) {
        self.connection = connection
        self.worker = BlockingWorker()
    }

    /// Runs `job` with the connection on its thread. Jobs run one at a time, in order.
    func run<Result: Sendable>(_ job: @escaping @Sendable (SQLiteConnection) throws(StorageError) -> Result) async throws(StorageError) -> Result {
        let connection = connection
        return try await worker.run { () throws(StorageError) -> Result in try job(connection) }
    }

    /// Jobs queued or running on the connection.
    var pendingJobs: Int { worker.pendingJobs }

    /// Closes the connection after the jobs already queued, then ends the thread.
    func close() async {
        _ = try? await run { connection in connection.close() }
        worker.stop()
    }
}
