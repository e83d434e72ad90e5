import Backends
import Primitives

/// Keeps the collection health of symbols: every failed collection (a download that got no
/// usable candles) counts against its symbol, `SymbolRepository.deactivationThreshold` (3)
/// failures in a row deactivate it, and a success starts the count again. Each failure is
/// also recorded in the error log (category `provider`): a warning at the first failure in a
/// row, critical at the second, critical and deactivated at the third.
public struct CollectionHealth: Sendable {
    let backend: Backend
    let errors: ErrorRecorder?
    let clock: any EngineClock

    /// Health kept in `backend`, failures recorded through `errors` (none: not recorded).
    public init(backend: Backend, errors: ErrorRecorder?, clock: any EngineClock) {
        self.backend = backend
        self.errors = errors
        self.clock = clock
    }

    /// Counts a failed collection of a series and records it; returns the symbol as now stored
    /// (nil when it is unknown or the database failed, which is then recorded as well).
    @discardableResult
    public func failed(ticker: String, market: String, timeframe: String, reason: String, job: String? = nil) async -> SymbolRecord? {
        let now = clock.now()
        let symbol: SymbolRecord?
        do {
            symbol = try await backend.write { r throws(StorageError) in
                try r.symbols.recordFailure(ticker: ticker, market: market, error: reason, at: now)
            }
        } catch {
            errors?.record(.error, .database, "Counting a collection failure of \(ticker) (\(market)) failed: \(error)")
            symbol = nil
        }
        record(ticker: ticker, market: market, timeframe: timeframe, reason: reason, symbol: symbol, job: job)
        return symbol
    }

    /// Counts a successful collection: the symbol's failure streak restarts at zero.
    public func succeeded(ticker: String, market: String) async throws(StorageError) {
        let now = clock.now()
        _ = try await backend.write { r throws(StorageError) in try r.symbols.recordSuccess(ticker: ticker, market: market, at: now) }
    }

    /// The error-log entry of one failure: severity by the streak, details naming the series.
    private func record(ticker: String, market: String, timeframe: String, reason: String, symbol: SymbolRecord?, job: String?) {
        let failures = symbol?.consecutiveFailures
        let deactivated = symbol.map { !$0.isActive } ?? false
        let severity: ErrorSeverity = (failures ?? 1) >= 2 ? .critical : .warning
        var message = "Collection of \(ticker) (\(market)) \(timeframe) failed"
        if let failures, failures > 1 { message += " \(failures) times in a row" }
        if deactivated { message += "; the symbol is deactivated" }
        message += ": \(reason)"
        var details = [JSONMember("ticker", .string(ticker)), JSONMember("market", .string(market)),
                       JSONMember("timeframe", .string(timeframe))]
        details.append(JSONMember("failure_count", failures.map { .number(String($0)) } ?? .null))
        details.append(JSONMember("deactivated", .bool(deactivated)))
        if let job { details.append(JSONMember("job_id", .string(job))) }
        errors?.record(severity, .provider, message, details: .object(details))
    }
}
