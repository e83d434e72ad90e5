/// Dataset download jobs (`dataset_jobs`). The table has no CHECK constraints, so the
/// repository refuses unknown statuses and out-of-range progress itself, alike on both databases.
public struct DatasetJobRepository {
    let connection: any SQLConnection

    /// Every job status, in lifecycle order (the `DatasetJobStatus` enum of the API).
    public static let statuses = ["queued", "running", "completed", "failed"]
    /// The statuses of jobs not finished yet.
    public static let activeStatuses = ["queued", "running"]
    private var columns: String {
        "id, ticker, market, timeframe, status, progress, fetched, \(connection.jsonText("request")), message, created_at, updated_at"
    }

    /// Stores a new job. An unknown status, progress outside 0…100 or a request that is not JSON
    /// fail with `.constraintViolation`; a reused id with `.uniqueViolation`.
    public func insert(_ job: DatasetJobRecord) throws(StorageError) {
        try Self.check(job)
        try JSONColumn.check(job.request, column: "dataset_jobs.request")
        try connection.execute(
            """
            INSERT INTO dataset_jobs (id, ticker, market, timeframe, status, progress, fetched, request, message, created_at, updated_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
            """,
            [job.id.sqlValue, job.ticker.sqlValue, job.market.sqlValue, job.timeframe.sqlValue, job.status.sqlValue,
             job.progress.sqlValue, job.fetched.sqlValue, job.request.sqlValue, job.message.sqlValue, job.createdAt.sqlValue,
             job.updatedAt.sqlValue])
    }

    /// One job.
    public func find(id: String) throws(StorageError) -> DatasetJobRecord? {
        try connection.query("SELECT \(columns) FROM dataset_jobs WHERE id = $1", id).first.map(DatasetJobRecord.init)
    }

    /// Writes a job's changing fields (status, progress, fetched, message, updatedAt), checked as
    /// in `insert`; false when there is no such job.
    @discardableResult
    public func update(_ job: DatasetJobRecord) throws(StorageError) -> Bool {
        try Self.check(job)
        return try connection.execute(
            "UPDATE dataset_jobs SET status = $2, progress = $3, fetched = $4, message = $5, updated_at = $6 WHERE id = $1",
            job.id, job.status, job.progress, job.fetched, job.message, job.updatedAt) == 1
    }

    /// The most recent jobs, newest first.
    public func list(limit: Int = 20) throws(StorageError) -> [DatasetJobRecord] {
        try connection.query("SELECT \(columns) FROM dataset_jobs ORDER BY created_at DESC, \(connection.bytewise("id")) LIMIT $1", limit)
            .map(DatasetJobRecord.init)
    }

    /// Jobs queued or running, oldest first (the order they run in).
    public func active() throws(StorageError) -> [DatasetJobRecord] {
        var filter = SQLWhereClause()
        filter.require("status", in: Self.activeStatuses.map(\.sqlValue))
        return try connection.query(
            "SELECT \(columns) FROM dataset_jobs\(filter.sql) ORDER BY created_at, \(connection.bytewise("id"))", filter.parameters)
            .map(DatasetJobRecord.init)
    }

    /// The job queued or running for a series, if any (version 15 allows one at a time).
    public func active(ticker: String, market: String, timeframe: String) throws(StorageError) -> DatasetJobRecord? {
        var filter = SQLWhereClause()
        filter.require("ticker", "=", ticker)
        filter.require("market", "=", market)
        filter.require("timeframe", "=", timeframe)
        filter.require("status", in: Self.activeStatuses.map(\.sqlValue))
        return try connection.query("SELECT \(columns) FROM dataset_jobs\(filter.sql)", filter.parameters).first.map(DatasetJobRecord.init)
    }

    /// Moves `updated_at` of the named jobs that are still queued or running to `time`: the
    /// heartbeat that tells other instances these jobs have a live runner. Returns how many.
    @discardableResult
    public func touch(ids: [String], at time: Int) throws(StorageError) -> Int {
        guard !ids.isEmpty else { return 0 }
        var filter = SQLWhereClause()
        _ = filter.bind(time)
        filter.require("id", in: ids.map(\.sqlValue))
        filter.require("status", in: Self.activeStatuses.map(\.sqlValue))
        return try connection.execute("UPDATE dataset_jobs SET updated_at = $1\(filter.sql)", filter.parameters)
    }

    /// Marks failed, with `message`, every job queued or running whose `updated_at` is before
    /// `cutoff` (its runner stopped beating) and not in `excluding`; returns them as now stored.
    public func failStale(before cutoff: Int, excluding: Set<String> = [], message: String, at time: Int) throws(StorageError) -> [DatasetJobRecord] {
        var failed: [DatasetJobRecord] = []
        for var job in try active() where job.updatedAt < cutoff && !excluding.contains(job.id) {
            job.status = "failed"
            job.message = message
            job.updatedAt = time
            let changed = try connection.execute(
                "UPDATE dataset_jobs SET status = 'failed', message = $2, updated_at = $3 WHERE id = $1 AND status IN ('queued', 'running') AND updated_at < $4",
                job.id, message, time, cutoff)
            if changed == 1 { failed.append(job) }
        }
        return failed
    }

    /// How many jobs there are of each status (every status listed, 0 when none).
    public func countsByStatus() throws(StorageError) -> [String: Int] {
        var counts = Dictionary(uniqueKeysWithValues: Self.statuses.map { ($0, 0) })
        for row in try connection.query("SELECT status, COUNT(*) AS n FROM dataset_jobs GROUP BY status") {
            counts[try row.string("status")] = try row.int("n")
        }
        return counts
    }

    private static func check(_ job: DatasetJobRecord) throws(StorageError) {
        guard statuses.contains(job.status) else {
            throw .constraintViolation(constraint: "dataset_jobs.status '\(job.status)' is not one of \(statuses.joined(separator: ", "))")
        }
        guard (0...100).contains(job.progress) else {
            throw .constraintViolation(constraint: "dataset_jobs.progress \(job.progress) is outside 0…100")
        }
        guard job.fetched >= 0 else {
            throw .constraintViolation(constraint: "dataset_jobs.fetched \(job.fetched) is negative")
        }
    }
}

extension Repositories {
    /// Background dataset download jobs.
    public var datasetJobs: DatasetJobRepository { DatasetJobRepository(connection: connection) }
}
