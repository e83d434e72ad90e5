import Backends

/// Why a watchlist request failed, for the API layer to map onto its error codes.
public enum WatchlistError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The caller has no watchlist of this id: none exists, or it is another user's, which is
    /// the same answer so that ids of other users' lists are never confirmed (`NOT_FOUND`).
    case watchlistNotFound(id: String)
    /// The caller has a watchlist of this name already (`CONFLICT`).
    case duplicateName(String)
    /// The caller holds as many watchlists as a user may (`CONFLICT`).
    case tooManyWatchlists(limit: Int)
    /// The market does not have the symbol, as the caller wrote it (`MARKET_001`).
    case unknownSymbol(String)
    /// The symbol, in its stored form, is on the watchlist already (`CONFLICT`).
    case duplicateSymbol(String, watchlist: String)
    /// The watchlist holds as many symbols as a list may (`CONFLICT`).
    case tooManySymbols(limit: Int)
    /// The symbol, as the caller wrote it, is not on the watchlist (`NOT_FOUND`).
    case symbolNotFound(String, watchlist: String)
    /// The database failed.
    case storage(StorageError)

    /// What went wrong, naming the list, symbol or limit: the API's error message.
    public var description: String {
        switch self {
        case .watchlistNotFound(let id): return "Watchlist '\(id)' not found"
        case .duplicateName(let name): return "You already have a watchlist named '\(name)'"
        case .tooManyWatchlists(let limit): return "Watchlist limit reached: a user holds at most \(limit) watchlists"
        case .unknownSymbol(let symbol): return "Unknown symbol '\(symbol)'"
        case .duplicateSymbol(let symbol, let watchlist): return "Symbol '\(symbol)' is already in watchlist '\(watchlist)'"
        case .tooManySymbols(let limit): return "Watchlist item limit reached: a watchlist holds at most \(limit) symbols"
        case .symbolNotFound(let symbol, let watchlist): return "Symbol '\(symbol)' is not in watchlist '\(watchlist)'"
        case .storage(let error): return "\(error)"
        }
    }
}
