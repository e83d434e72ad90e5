import APIRuntime
import Engine
import Generated

extension APIError {
    /// The API's answer to a failed trade-journal request, case by case.
    public init(_ failure: JournalFailure) {
        switch failure {
        case .unknownSymbol(let symbol): self.init(.market001, message: "Unknown symbol '\(symbol)'")
        case .invalid(let field, let reason): self = .validation([FieldIssue(field, reason)])
        case .noExecutions: self.init(.notFound, message: failure.description)
        case .inconsistent(let error):
            self.init(.internalError, message: "The stored executions of \(error.execution.symbol) on \(error.execution.exchange) cannot be replayed")
        case .storage(let storage): self.init(storage)
        }
    }
}
