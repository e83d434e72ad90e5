import APIRuntime
import Engine
import Generated

extension APIError {
    /// The API's answer to a refused or failed symbol or dataset request, case by case:
    /// `NOT_FOUND` for a symbol or dataset that is not there, `MARKET_001` for a download of an
    /// unknown symbol, `VALIDATION_ERROR` for an ambiguous market or a bad range, `CONFLICT` for
    /// a download already running, a deactivated symbol or a symbol the market serves, and
    /// `MARKET_002` when the data provider fails.
    public init(_ error: DatasetError) {
        switch error {
        case .symbolNotFound, .datasetNotFound: self.init(.notFound, message: error.description)
        case .unknownSymbol: self.init(.market001, message: error.description)
        case .ambiguousMarket(_, _, let field): self = .validation([FieldIssue(field, error.description)])
        case .invalid(let field, let reason): self = .validation([FieldIssue(field, reason)])
        case .downloadInProgress, .symbolDeactivated, .servedByMarket: self.init(.conflict, message: error.description)
        case .provider: self.init(.market002, message: error.description)
        case .storage(let storage): self.init(storage)
        }
    }
}

/// Runs a symbol or dataset request for a handler, turning `DatasetError` into the API's error.
func datasets<Result: Sendable>(_ work: @autoclosure () async throws(DatasetError) -> Result) async throws(APIError) -> Result {
    do {
        return try await work()
    } catch {
        throw APIError(error)
    }
}
