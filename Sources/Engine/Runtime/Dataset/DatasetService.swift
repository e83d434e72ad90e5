import Backends
import Primitives

/// What the API layers use for the symbol list and the cached candles: failed symbols and
/// their reactivation, the sync from the market data provider, search and batch lookups,
/// collection health counts, the candles of a series and their deletion, the cascade delete
/// of a symbol and the cleanup of orphan data. Downloads run in `DatasetJobs`.
///
/// The running market keeps what it serves in memory (its replay and forming candles), so
/// deleting cached candles of a served symbol leaves it trading; its write-behind starts the
/// series again with its live candles. A served symbol cannot be deleted as a whole
/// (`servedByMarket`): its live candles would come back as orphans.
public struct DatasetService: Sendable {
    let backend: Backend
    let provider: any MarketDataProvider
    let clock: any EngineClock
    let served: @Sendable (_ ticker: String, _ market: String) -> Bool
    /// Where a sync the provider fails is recorded (category `provider`); none in some tests.
    let errors: ErrorRecorder?

    /// A service over `backend`, syncing from `provider`; `served` says whether the running
    /// market serves a (ticker, market).
    public init(backend: Backend, provider: any MarketDataProvider, clock: any EngineClock, errors: ErrorRecorder? = nil,
                served: @escaping @Sendable (_ ticker: String, _ market: String) -> Bool) {
        self.backend = backend
        self.provider = provider
        self.clock = clock
        self.errors = errors
        self.served = served
    }

    /// Symbols whose collection failed or that are deactivated, worst first, and their count before paging.
    public func failedSymbols(market: String?, limit: Int, offset: Int) async throws(DatasetError) -> (symbols: [SymbolRecord], total: Int) {
        try await read { r throws(StorageError) in
            (try r.symbols.failed(market: market, limit: limit, offset: offset), try r.symbols.failedCount(market: market))
        }
    }

    /// Reactivates one symbol and clears its failure count; a healthy symbol is left as it is.
    /// Returns the symbol as now stored.
    public func reactivate(_ text: String, market: String?) async throws(DatasetError) -> SymbolRecord {
        let now = clock.now()
        return try await write { r throws(DatasetError) in
            let entry = try SymbolLookup.entry(text, market: market, in: r, field: "query.market",
                                               notFound: .symbolNotFound(text, market: market))
            do throws(StorageError) {
                return try r.symbols.reactivate(ticker: entry.ticker, market: entry.market, at: now) ?? entry
            } catch {
                throw .storage(error)
            }
        }
    }

    /// Reactivates the named symbols (of `market` when given), or every deactivated symbol (of
    /// `market`) when `tickers` is nil; returns the symbols that changed.
    public func reactivate(tickers: [String]?, market: String?) async throws(DatasetError) -> [SymbolRecord] {
        let now = clock.now()
        return try await write { r throws(DatasetError) in
            do throws(StorageError) {
                guard let tickers else {
                    let deactivated = try r.symbols.list(market: market).filter { !$0.isActive }
                    _ = try r.symbols.reactivateAll(market: market, at: now)
                    return deactivated
                }
                let named = try r.symbols.batch(tickers: tickers.flatMap(SymbolLookup.forms), market: market)
                let failing = named.filter { !$0.isActive || $0.consecutiveFailures > 0 }
                var changed: [SymbolRecord] = []
                for symbol in failing where try r.symbols.reactivate(ticker: symbol.ticker, market: symbol.market, at: now) != nil {
                    changed.append(symbol)
                }
                return changed
            } catch {
                throw .storage(error)
            }
        }
    }

    /// Loads the provider's symbol list (of `market` when given): new symbols are added, known
    /// ones get the provider's listing (their health is kept), and active symbols of the markets
    /// the list covers that it no longer holds are deactivated. An empty list covers no market,
    /// so a provider answering nothing deactivates nothing. One transaction.
    public func sync(market: MarketKind?) async throws(DatasetError) -> SymbolSyncResult {
        let listed: [ProviderSymbol]
        do throws(ProviderError) {
            listed = try await provider.symbols(market: market)
        } catch {
            errors?.record(.error, .provider, "Symbol sync from provider '\(provider.name)' failed: \(error)",
                           details: .object([JSONMember("provider", .string(provider.name)),
                                             JSONMember("market", market.map { .string($0.rawValue) } ?? .null)]))
            throw .provider(error)
        }
        let now = clock.now()
        let name = provider.name
        var unique: [ProviderSymbol] = []
        var keys = Set<String>()
        for symbol in listed where keys.insert("\(symbol.market.rawValue) \(symbol.ticker)").inserted { unique.append(symbol) }
        let markets = Set(unique.map(\.market.rawValue)).sorted()
        return try await write { [unique, keys] r throws(DatasetError) in
            do throws(StorageError) {
                var result = SymbolSyncResult(provider: name, added: 0, updated: 0, deactivated: 0, total: 0)
                for symbol in unique {
                    let record = SymbolRecord(ticker: symbol.ticker, market: symbol.market.rawValue, name: symbol.name,
                                              exchange: symbol.exchange, sector: symbol.sector, updatedAt: now)
                    if try r.symbols.upsert(record) { result.added += 1 } else { result.updated += 1 }
                }
                for market in markets {
                    for known in try r.symbols.list(market: market, activeOnly: true) where !keys.contains("\(market) \(known.ticker)") {
                        if try r.symbols.deactivate(ticker: known.ticker, market: market, reason: "No longer listed by provider '\(name)'",
                                                    at: now) {
                            result.deactivated += 1
                        }
                    }
                    result.total += try r.symbols.count(market: market)
                }
                return result
            } catch {
                throw .storage(error)
            }
        }
    }

    /// The cached series (of `market` when given) by symbol, market and timeframe, one page,
    /// with their count before paging, and the most recent download jobs.
    public func datasets(market: String?, limit: Int, offset: Int,
                         jobs jobLimit: Int = 20) async throws(DatasetError) -> (series: [CandleSeriesInfo], total: Int, jobs: [DatasetJobRecord]) {
        try await read { r throws(StorageError) in
            let series = try r.candles.series().filter { info in market.map { info.market == $0 } ?? true }
            let page = Array(series.dropFirst(offset).prefix(limit))
            return (page, series.count, try r.datasetJobs.list(limit: jobLimit))
        }
    }

    /// Symbols whose ticker or name contains `pattern` (`SymbolRepository.search`).
    public func search(_ pattern: String, market: String?, limit: Int) async throws(DatasetError) -> [SymbolRecord] {
        try await read { r throws(StorageError) in try r.symbols.search(pattern: pattern, market: market, limit: limit) }
    }

    /// Every market's entry of each ticker, in the order asked, and the tickers (as sent) no market lists.
    public func batch(_ tickers: [String]) async throws(DatasetError) -> (symbols: [SymbolRecord], notFound: [String]) {
        let found = try await read { r throws(StorageError) in try r.symbols.batch(tickers: tickers.flatMap(SymbolLookup.forms)) }
        let known = Set(found.map(\.ticker))
        var notFound: [String] = []
        for ticker in tickers where !SymbolLookup.forms(of: ticker).contains(where: known.contains) && !notFound.contains(ticker) {
            notFound.append(ticker)
        }
        return (found, notFound)
    }

    /// Collection health counts (of `market` when given).
    public func statusCounts(market: String?) async throws(DatasetError) -> SymbolStatusCounts {
        try await read { r throws(StorageError) in try r.symbols.statusCounts(market: market) }
    }

    /// Deletes a symbol from every table (`delete_symbol_cascade`); returns the rows each table lost.
    public func deleteSymbol(_ text: String, market: String) async throws(DatasetError) -> (ticker: String, counts: [TableDeleteCount]) {
        let served = served
        return try await write { r throws(DatasetError) in
            let entry = try SymbolLookup.entry(text, market: market, in: r, field: "query.market",
                                               notFound: .symbolNotFound(text, market: market))
            guard !served(entry.ticker, entry.market) else { throw .servedByMarket(entry.ticker, market: entry.market) }
            do throws(StorageError) {
                return (entry.ticker, try r.symbolMaintenance.deleteSymbolCascade(ticker: entry.ticker, market: entry.market))
            } catch {
                throw .storage(error)
            }
        }
    }

    /// Deletes the data of symbols missing from the symbol list (`cleanup_orphan_symbol_data`).
    public func cleanupOrphans() async throws(DatasetError) -> [TableDeleteCount] {
        try await write { r throws(DatasetError) in
            do throws(StorageError) {
                return try r.symbolMaintenance.cleanupOrphanSymbolData()
            } catch {
                throw .storage(error)
            }
        }
    }

    /// One page of a series' cached candles and the series' size.
    public func candles(_ text: String, market: String?, timeframe: String, limit: Int, offset: Int,
                        descending: Bool) async throws(DatasetError) -> (ticker: String, market: String, candles: [CandleRecord], total: Int) {
        try await read { r throws(DatasetError) in
            let (ticker, market) = try SymbolLookup.series(text, market: market, in: r)
            let total: Int, page: [CandleRecord]
            do throws(StorageError) {
                total = try r.candles.count(ticker: ticker, market: market, timeframe: timeframe)
                page = try r.candles.page(ticker: ticker, market: market, timeframe: timeframe, limit: limit, offset: offset,
                                          descending: descending)
            } catch {
                throw .storage(error)
            }
            guard total > 0 else { throw .datasetNotFound(ticker, market: market, timeframe: timeframe) }
            return (ticker, market, page, total)
        }
    }

    /// Deletes a symbol's cached candles and series summaries (of one timeframe when given).
    public func deleteCandles(_ text: String, market: String?,
                              timeframe: String?) async throws(DatasetError) -> (ticker: String, market: String, candles: Int, metadata: Int) {
        try await write { r throws(DatasetError) in
            let (ticker, market) = try SymbolLookup.series(text, market: market, in: r)
            let deleted: (candles: Int, metadata: Int)
            do throws(StorageError) {
                deleted = try r.candles.delete(ticker: ticker, market: market, timeframe: timeframe)
            } catch {
                throw .storage(error)
            }
            guard deleted.candles + deleted.metadata > 0 else { throw .datasetNotFound(ticker, market: market, timeframe: timeframe) }
            return (ticker, market, deleted.candles, deleted.metadata)
        }
    }

    private func read<Value: Sendable>(_ body: @escaping @Sendable (Repositories) throws(StorageError) -> Value) async throws(DatasetError) -> Value {
        try await stored { () async throws(StorageError) in try await backend.read(body) }
    }

    /// A read whose body may refuse the request; the refusal comes back as it was thrown.
    private func read<Value: Sendable>(_ body: @escaping @Sendable (Repositories) throws(DatasetError) -> Value) async throws(DatasetError) -> Value {
        try await run(body, writing: false)
    }

    /// A write transaction whose body may refuse the request. Every refusal comes before the
    /// body changes anything, so the transaction commits either way.
    private func write<Value: Sendable>(_ body: @escaping @Sendable (Repositories) throws(DatasetError) -> Value) async throws(DatasetError) -> Value {
        try await run(body, writing: true)
    }

    private func run<Value: Sendable>(_ body: @escaping @Sendable (Repositories) throws(DatasetError) -> Value,
                                      writing: Bool) async throws(DatasetError) -> Value {
        let outcome: @Sendable (Repositories) throws(StorageError) -> Result<Value, DatasetError> = { r throws(StorageError) in
            do throws(DatasetError) {
                return .success(try body(r))
            } catch {
                if case .storage(let storage) = error { throw storage }
                return .failure(error)
            }
        }
        let result = try await stored { () async throws(StorageError) in
            writing ? try await backend.write(outcome) : try await backend.read(outcome)
        }
        return try result.get()
    }
}
