import Backends

/// Why a symbol or dataset request failed, for the API layer to map onto its error codes.
public enum DatasetError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No market's symbol list has the ticker (in `market`, when given) (`NOT_FOUND`).
    case symbolNotFound(String, market: String?)
    /// A download was asked for a symbol the symbol list does not have (`MARKET_001`).
    case unknownSymbol(String, market: String?)
    /// The request names no market and the ticker is known in several (`VALIDATION_ERROR` of `field`).
    case ambiguousMarket(String, markets: [String], field: String)
    /// A request field that cannot be honoured (`VALIDATION_ERROR`).
    case invalid(field: String, reason: String)
    /// No cached candles to show or delete (`NOT_FOUND`).
    case datasetNotFound(String, market: String, timeframe: String?)
    /// A download of the same series is queued or running already (`CONFLICT`).
    case downloadInProgress(DatasetJobRecord)
    /// The symbol is deactivated: it is not collected until reactivated (`CONFLICT`).
    case symbolDeactivated(String, market: String)
    /// The running market serves the symbol, so it cannot be deleted (`CONFLICT`).
    case servedByMarket(String, market: String)
    /// The data provider failed (`MARKET_002`).
    case provider(ProviderError)
    /// The database failed.
    case storage(StorageError)

    /// What went wrong, naming the symbol, series or job: the API's error message.
    public var description: String {
        switch self {
        case .symbolNotFound(let ticker, let market), .unknownSymbol(let ticker, let market):
            return "Unknown symbol '\(ticker)'" + (market.map { " in market \($0)" } ?? "")
        case .ambiguousMarket(let ticker, let markets, _):
            return "'\(ticker)' is listed in several markets (\(markets.joined(separator: ", "))): name one with market"
        case .invalid(let field, let reason): return "\(field) \(reason)"
        case .datasetNotFound(let ticker, let market, let timeframe):
            return "No cached candles of '\(ticker)' (\(market))" + (timeframe.map { " at \($0)" } ?? "")
        case .downloadInProgress(let job):
            return "A download of \(job.ticker) (\(job.market)) \(job.timeframe) is already \(job.status) (job \(job.id))"
        case .symbolDeactivated(let ticker, let market):
            return "Symbol '\(ticker)' (\(market)) is deactivated after repeated collection failures: reactivate it first"
        case .servedByMarket(let ticker, let market):
            return "Symbol '\(ticker)' (\(market)) is served by the running market and cannot be deleted"
        case .provider(let error): return error.description
        case .storage(let error): return "\(error)"
        }
    }
}

/// Runs a database step of a dataset request, turning `StorageError` into `DatasetError`.
func stored<Value>(_ work: () async throws(StorageError) -> Value) async throws(DatasetError) -> Value {
    do {
        return try await work()
    } catch {
        throw .storage(error)
    }
}
