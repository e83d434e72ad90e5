import APIRuntime
import Engine
import Generated

/// `/api/v1/symbols/*`: symbols whose collection failed, reactivating one, and the sync of the
/// symbol list from the configured market data provider (`DatasetService`).
public struct SymbolsHandler: SymbolsAPI {
    let service: DatasetService

    /// The handler over `service`.
    public init(service: DatasetService) {
        self.service = service
    }

    public func listFailedSymbols(_ input: ListFailedSymbolsInput, context: RequestContext) async throws -> ListFailedSymbolsOutput {
        let (symbols, total) = try await datasets(await service.failedSymbols(market: input.market?.rawValue, limit: input.limit,
                                                                               offset: input.offset))
        return .ok(FailedSymbolList(symbols: symbols.compactMap(\.failedSymbol), total: total))
    }

    public func reactivateSymbol(_ input: ReactivateSymbolInput, context: RequestContext) async throws -> ReactivateSymbolOutput {
        let symbol = try await datasets(await service.reactivate(input.symbol, market: input.market?.rawValue))
        return .ok(SymbolReactivateResponse(success: true, ticker: symbol.ticker,
                                            message: "Symbol '\(symbol.ticker)' (\(symbol.market)) reactivated"))
    }

    public func syncSymbols(_ input: SyncSymbolsInput, context: RequestContext) async throws -> SyncSymbolsOutput {
        let market = input.market.flatMap { MarketKind(rawValue: $0.rawValue) }
        let result = try await datasets(await service.sync(market: market))
        return .ok(SymbolSyncResponse(
            success: true, provider: result.provider, added: result.added, updated: result.updated, deactivated: result.deactivated,
            total: result.total,
            message: "Symbol sync completed: \(result.added) added, \(result.updated) updated, \(result.deactivated) deactivated"))
    }
}
