import APIRuntime
import Backends
import Engine
import Generated
import Primitives

/// `/api/v1/dataset*`: the cached candle series and download jobs, symbol search and
/// lookups, collection health, reactivation, and data maintenance (cascade delete, orphan
/// cleanup, cache delete) through `DatasetService`; downloads through `DatasetJobs`.
public struct DatasetHandler: DatasetAPI {
    let service: DatasetService
    let jobs: DatasetJobs

    /// The handler over `service` and `jobs`.
    public init(service: DatasetService, jobs: DatasetJobs) {
        self.service = service
        self.jobs = jobs
    }

    public func listDatasets(_ input: ListDatasetsInput, context: RequestContext) async throws -> ListDatasetsOutput {
        let (series, total, recent) = try await datasets(await service.datasets(market: input.market?.rawValue, limit: input.limit,
                                                                                  offset: input.offset))
        return .ok(DatasetList(datasets: series.compactMap(Self.info), total: total, jobs: recent.compactMap(\.job)))
    }

    public func fetchDataset(_ input: FetchDatasetInput, context: RequestContext) async throws -> FetchDatasetOutput {
        let body = input.body
        let interval = CandleInterval(rawValue: (body.timeframe ?? ._1d).rawValue) ?? .day1
        let start = try Self.time(body.start, field: "body.start")
        let end = try Self.time(body.end, field: "body.end")
        let job = try await datasets(await jobs.submit(body.symbol, market: body.market?.rawValue, interval: interval, start: start, end: end))
        guard let shown = job.job else { throw APIError(.internalError) }
        return .accepted(shown)
    }

    public func searchSymbols(_ input: SearchSymbolsInput, context: RequestContext) async throws -> SearchSymbolsOutput {
        let found = try await datasets(await service.search(input.q, market: input.market?.rawValue, limit: input.limit))
        let results = found.compactMap(\.info)
        return .ok(SymbolSearchResult(results: results, total: results.count))
    }

    public func getSymbolsBatch(_ input: GetSymbolsBatchInput, context: RequestContext) async throws -> GetSymbolsBatchOutput {
        let (found, notFound) = try await datasets(await service.batch(input.body.tickers))
        return .ok(SymbolBatchResponse(symbols: found.compactMap(\.info), notFound: notFound))
    }

    public func listDatasetFailedSymbols(_ input: ListDatasetFailedSymbolsInput,
                                         context: RequestContext) async throws -> ListDatasetFailedSymbolsOutput {
        let (symbols, total) = try await datasets(await service.failedSymbols(market: input.market?.rawValue, limit: input.limit,
                                                                               offset: input.offset))
        return .ok(FailedSymbolList(symbols: symbols.compactMap(\.failedSymbol), total: total))
    }

    public func getSymbolStatusStats(_ input: GetSymbolStatusStatsInput, context: RequestContext) async throws -> GetSymbolStatusStatsOutput {
        let counts = try await datasets(await service.statusCounts(market: input.market?.rawValue))
        return .ok(SymbolStatusStats(total: counts.total, active: counts.active, deactivated: counts.deactivated, critical: counts.critical,
                                     warning: counts.warning))
    }

    public func reactivateDatasetSymbols(_ input: ReactivateDatasetSymbolsInput,
                                         context: RequestContext) async throws -> ReactivateDatasetSymbolsOutput {
        let changed = try await datasets(await service.reactivate(tickers: input.body?.tickers, market: input.body?.market?.rawValue))
        return .ok(ReactivateSymbolsResponse(success: true, reactivated: changed.count, tickers: changed.map(\.ticker),
                                             message: "\(changed.count) symbol(s) reactivated"))
    }

    public func deleteSymbolCascade(_ input: DeleteSymbolCascadeInput, context: RequestContext) async throws -> DeleteSymbolCascadeOutput {
        let (ticker, counts) = try await datasets(await service.deleteSymbol(input.ticker, market: input.market.rawValue))
        let total = counts.reduce(0) { $0 + $1.deletedCount }
        return .ok(SymbolDeleteResponse(success: true, ticker: ticker, market: input.market, deletedTables: counts.map(\.api),
                                        message: "심볼 '\(ticker)' (\(input.market.rawValue)) 삭제 완료 (총 \(total)건)"))
    }

    public func cleanupOrphanData(_ input: CleanupOrphanDataInput, context: RequestContext) async throws -> CleanupOrphanDataOutput {
        let counts = try await datasets(await service.cleanupOrphans())
        let total = counts.reduce(0) { $0 + $1.deletedCount }
        return .ok(OrphanCleanupResponse(success: true, cleanedTables: counts.map(\.api), totalDeleted: total,
                                         message: "고아 데이터 정리 완료 (총 \(total)건 삭제)"))
    }

    public func getDatasetCandles(_ input: GetDatasetCandlesInput, context: RequestContext) async throws -> GetDatasetCandlesOutput {
        let page = try await datasets(await service.candles(input.symbol, market: input.market?.rawValue, timeframe: input.timeframe.rawValue,
                                                            limit: input.limit, offset: input.offset, descending: input.order == .desc))
        return .ok(DatasetCandles(symbol: page.ticker, timeframe: input.timeframe, candles: page.candles.map(Self.candle), total: page.total,
                                  limit: input.limit, offset: input.offset, order: input.order))
    }

    public func deleteDatasetCandles(_ input: DeleteDatasetCandlesInput, context: RequestContext) async throws -> DeleteDatasetCandlesOutput {
        let deleted = try await datasets(await service.deleteCandles(input.symbol, market: input.market?.rawValue,
                                                                     timeframe: input.timeframe?.rawValue))
        guard let market = Market(rawValue: deleted.market) else { throw APIError(.internalError) }
        let scope = input.timeframe.map { " \($0.rawValue)" } ?? ""
        return .ok(DatasetDeleteResponse(success: true, symbol: deleted.ticker, market: market, timeframe: input.timeframe,
                                         deletedCandles: deleted.candles, deletedMetadata: deleted.metadata,
                                         message: "Dataset '\(deleted.ticker)' (\(deleted.market))\(scope) deleted (\(deleted.candles) candles)"))
    }

    /// A stored series as `/dataset` lists it; nil for a market or timeframe the API does not know.
    static func info(_ series: CandleSeriesInfo) -> DatasetInfo? {
        guard let market = Market(rawValue: series.market), let timeframe = Timeframe(rawValue: series.timeframe) else { return nil }
        return DatasetInfo(symbol: series.ticker, market: market, timeframe: timeframe,
                           firstCandle: Timestamp.iso8601(epochMilliseconds: series.firstTimestamp),
                           lastCandle: Timestamp.iso8601(epochMilliseconds: series.lastTimestamp), count: series.count)
    }

    static func candle(_ record: CandleRecord) -> Candle {
        Candle(timestamp: Timestamp.iso8601(epochMilliseconds: record.timestamp), open: record.open.description,
               high: record.high.description, low: record.low.description, close: record.close.description,
               volume: record.volume.description)
    }

    /// An optional ISO 8601 body field as epoch ms.
    static func time(_ text: String?, field: String) throws(APIError) -> Int? {
        guard let text else { return nil }
        guard let time = Timestamp.epochMilliseconds(iso8601: text) else {
            throw APIError.validation([FieldIssue(field, "is not an ISO 8601 date-time")])
        }
        return time
    }
}
