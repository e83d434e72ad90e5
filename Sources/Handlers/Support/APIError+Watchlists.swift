import APIRuntime
import Engine
import Generated

extension APIError {
    /// The API's answer to a refused or failed watchlist request, case by case: `NOT_FOUND`
    /// for a list the caller does not have (another user's included) or a symbol not on it,
    /// `MARKET_001` for a symbol the market does not have, `CONFLICT` for a duplicate name or
    /// symbol and for a limit reached.
    public init(_ error: WatchlistError) {
        switch error {
        case .watchlistNotFound, .symbolNotFound: self.init(.notFound, message: error.description)
        case .unknownSymbol: self.init(.market001, message: error.description)
        case .duplicateName, .duplicateSymbol, .tooManyWatchlists, .tooManySymbols: self.init(.conflict, message: error.description)
        case .storage(let storage): self.init(storage)
        }
    }
}

/// Runs a watchlist request for a handler, turning `WatchlistError` into the API's error.
func watchlists<Result: Sendable>(_ work: @autoclosure () async throws(WatchlistError) -> Result) async throws(APIError) -> Result {
    do {
        return try await work()
    } catch {
        throw APIError(error)
    }
}
