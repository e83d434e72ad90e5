import APIRuntime
import Backends
import Generated
import Primitives

/// `/api/v1/monitoring/*` (admin): the errors the server recorded in `error_log`, newest
/// first, filtered by severity and category, the critical ones, their counts, and the system
/// summary (`MonitoringHandler+Summary.swift`).
public struct MonitoringHandler: MonitoringAPI {
    let backend: Backend
    /// What the summary reads besides the error log; nil answers it 501.
    let summary: SystemSummarySources?

    public init(backend: Backend, summary: SystemSummarySources? = nil) {
        self.backend = backend
        self.summary = summary
    }

    public func listErrors(_ input: ListErrorsInput, context: RequestContext) async throws -> ListErrorsOutput {
        .ok(try await page(severity: input.severity?.rawValue, category: input.category?.rawValue, limit: input.limit, offset: input.offset))
    }

    public func listCriticalErrors(_ input: ListCriticalErrorsInput, context: RequestContext) async throws -> ListCriticalErrorsOutput {
        .ok(try await page(severity: Severity.critical.rawValue, category: nil, limit: input.limit, offset: input.offset))
    }

    public func getErrorStats(_ input: GetErrorStatsInput, context: RequestContext) async throws -> GetErrorStatsOutput {
        .ok(try await errorStats())
    }

    /// The recorded errors counted by severity and by category, in one read.
    func errorStats() async throws(APIError) -> ErrorStats {
        let (severities, categories) = try await read { r throws(StorageError) in
            (try r.errorLog.countsBySeverity(), try r.errorLog.countsByCategory())
        }
        // Every severity and category is listed, 0 when none was recorded.
        let byCategory = JSONMap(ErrorCategory.allCases.map { ($0.rawValue, categories[$0.rawValue] ?? 0) })
        return ErrorStats(total: severities.values.reduce(0, +),
                          bySeverity: ErrorSeverityCounts(critical: severities["critical"] ?? 0, error: severities["error"] ?? 0,
                                                          warning: severities["warning"] ?? 0),
                          byCategory: byCategory)
    }

    /// One page of recorded errors and the count before paging, in one read.
    private func page(severity: String?, category: String?, limit: Int, offset: Int) async throws(APIError) -> ErrorRecordList {
        let (records, total) = try await read { r throws(StorageError) in
            (try r.errorLog.list(severity: severity, category: category, limit: limit, offset: offset),
             try r.errorLog.count(severity: severity, category: category))
        }
        return ErrorRecordList(errors: records.compactMap(Self.record), total: total)
    }

    /// A stored error as the API shows it; nil for a row the database would not have let in
    /// (an unknown severity or category).
    static func record(_ record: ErrorLogRecord) -> ErrorRecord? {
        guard let severity = Severity(rawValue: record.severity), let category = ErrorCategory(rawValue: record.category) else { return nil }
        return ErrorRecord(id: record.id, severity: severity, category: category, message: record.message,
                           details: record.details.flatMap { try? JSONParser.parse($0) }, createdAt: Timestamp.iso8601(epochMilliseconds: record.createdAt))
    }

    private func read<Value: Sendable>(_ body: @escaping @Sendable (Repositories) throws(StorageError) -> Value) async throws(APIError) -> Value {
        do {
            return try await backend.read(body)
        } catch {
            throw APIError(error)
        }
    }
}
