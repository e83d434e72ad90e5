import APIRuntime
import Engine
import Generated

extension APIError {
    /// The API's answer to a strategy request the engine refused or could not run:
    /// document A's `ALREADY_RUNNING` / `NOT_RUNNING` (400), `STRATEGY_NOT_FOUND`, `CONFLICT` for
    /// an id taken, `VALIDATION_ERROR` naming the field and the rule, `MARKET_001`.
    public init(_ failure: StrategyService.Failure) {
        switch failure {
        case .refused(.notFound(let id)): self.init(.strategyNotFound, message: "Strategy '\(id)' not found")
        case .refused(.alreadyRunning(let id)): self.init(.alreadyRunning, message: "Strategy '\(id)' is already running")
        case .refused(.notRunning(let id)): self.init(.notRunning, message: "Strategy '\(id)' is not running")
        case .refused(.conflict(let id)): self.init(.conflict, message: "A strategy with id '\(id)' already exists")
        case .refused(.invalid(let field, let reason)): self = .validation([FieldIssue(field, reason)])
        case .refused(.unknownSymbol(let symbol)): self.init(.market001, message: "Unknown symbol '\(symbol)'")
        case .unavailable(let reason): self.init(.serviceUnavailable, message: reason)
        case .storage(let error): self.init(error)
        }
    }
}

/// Runs a strategy request for a handler, turning its failure into the API's error.
func strategies<Result: Sendable>(_ work: @autoclosure () async throws(StrategyService.Failure) -> Result) async throws(APIError) -> Result {
    do {
        return try await work()
    } catch {
        throw APIError(error)
    }
}
