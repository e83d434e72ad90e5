/// The error log (`error_log`): errors the server recorded, for monitoring.
public struct ErrorLogRepository {
    let connection: any SQLConnection
    private var columns: String { "id, severity, category, message, \(connection.jsonText("details")), created_at" }

    /// Records an error. A severity other than `critical`, `error` or `warning`, or details that
    /// are not JSON, fail with `.constraintViolation`; a reused id with `.uniqueViolation`.
    public func insert(_ record: ErrorLogRecord) throws(StorageError) {
        try JSONColumn.check(record.details, column: "error_log.details")
        try connection.execute(
            "INSERT INTO error_log (id, severity, category, message, details, created_at) VALUES ($1, $2, $3, $4, $5, $6)",
            record.id, record.severity, record.category, record.message, record.details, record.createdAt)
    }

    /// Errors of a severity and category (each when given), newest first.
    public func list(severity: String? = nil, category: String? = nil, limit: Int = 100, offset: Int = 0)
        throws(StorageError) -> [ErrorLogRecord] {
        let filter = Self.filter(severity: severity, category: category)
        let parameters = filter.parameters + [limit.sqlValue, offset.sqlValue]
        return try connection.query(
            """
            SELECT \(columns) FROM error_log\(filter.sql) ORDER BY created_at DESC, \(connection.bytewise("id"))
            LIMIT $\(parameters.count - 1) OFFSET $\(parameters.count)
            """, parameters).map(ErrorLogRecord.init)
    }

    /// How many errors `list(severity:category:)` matches before paging.
    public func count(severity: String? = nil, category: String? = nil) throws(StorageError) -> Int {
        let filter = Self.filter(severity: severity, category: category)
        return try connection.query("SELECT COUNT(*) AS n FROM error_log\(filter.sql)", filter.parameters).first?.int("n") ?? 0
    }

    /// Recorded errors per severity; severities without errors are absent.
    public func countsBySeverity() throws(StorageError) -> [String: Int] {
        try counts(by: "severity")
    }

    /// Recorded errors per category; categories without errors are absent.
    public func countsByCategory() throws(StorageError) -> [String: Int] {
        try counts(by: "category")
    }

    /// Deletes errors recorded before `time` (epoch ms); returns how many.
    @discardableResult
    public func deleteOlderThan(_ time: Int) throws(StorageError) -> Int {
        try connection.execute("DELETE FROM error_log WHERE created_at < $1", time)
    }

    /// Deletes all but the `count` newest errors; returns how many.
    @discardableResult
    public func keepNewest(_ count: Int) throws(StorageError) -> Int {
        guard let cutoff = try connection.query(
            "SELECT created_at, id FROM error_log ORDER BY created_at DESC, \(connection.bytewise("id")) LIMIT 1 OFFSET $1", max(0, count))
            .first else { return 0 }
        let time = try cutoff.int("created_at")
        let id = try cutoff.string("id")
        // Rows ordered after the cutoff row (older, or as old with a later id), the cutoff included.
        return try connection.execute(
            "DELETE FROM error_log WHERE created_at < $1 OR (created_at = $1 AND \(connection.bytewise("id")) >= $2)",
            time, id)
    }

    private func counts(by column: String) throws(StorageError) -> [String: Int] {
        var counts: [String: Int] = [:]
        for row in try connection.query("SELECT \(column) AS key, COUNT(*) AS n FROM error_log GROUP BY \(column)") {
            counts[try row.string("key")] = try row.int("n")
        }
        return counts
    }

    private static func filter(severity: String?, category: String?) -> SQLWhereClause {
        var filter = SQLWhereClause()
        filter.require("severity", "=", severity)
        filter.require("category", "=", category)
        return filter
    }
}

extension Repositories {
    /// The error log.
    public var errorLog: ErrorLogRepository { ErrorLogRepository(connection: connection) }
}
