import Backends
import Generated
import Primitives

extension SymbolRecord {
    /// The entry as the symbol list shows it; nil for a market the API does not know.
    var info: SymbolInfo? {
        guard let market = Market(rawValue: market) else { return nil }
        return SymbolInfo(ticker: ticker, name: name ?? ticker, market: market, exchange: exchange, sector: sector, isActive: isActive)
    }

    /// The entry with its collection health; nil for a market the API does not know.
    var failedSymbol: FailedSymbol? {
        guard let market = Market(rawValue: market) else { return nil }
        return FailedSymbol(ticker: ticker, name: name, market: market, failureCount: consecutiveFailures, lastError: lastError,
                            lastFailedAt: lastFailedAt.map { Timestamp.iso8601(epochMilliseconds: $0) }, isActive: isActive)
    }
}

extension DatasetJobRecord {
    /// The job as `/dataset` reports it; nil for a market, timeframe or status the API does not know.
    var job: DatasetJob? {
        guard let market = Market(rawValue: market), let timeframe = Timeframe(rawValue: timeframe),
              let status = DatasetJobStatus(rawValue: status) else { return nil }
        return DatasetJob(id: id, symbol: ticker, market: market, timeframe: timeframe, status: status, progress: progress, fetched: fetched,
                          message: message, createdAt: Timestamp.iso8601(epochMilliseconds: createdAt),
                          updatedAt: Timestamp.iso8601(epochMilliseconds: updatedAt))
    }
}

extension Backends.TableDeleteCount {
    /// The count as the maintenance answers show it.
    var api: Generated.TableDeleteCount {
        Generated.TableDeleteCount(tableName: tableName, deletedCount: deletedCount)
    }
}
