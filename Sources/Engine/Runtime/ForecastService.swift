import Backends
import Dispatch
import Primitives
import Synchronization

/// What the API layers use for document B's analysis: the historical risk of a symbol, and
/// price predictions from forecast models fitted to its closed candles.
///
/// A model is fitted per symbol and timeframe and kept while the clock stays in the candle
/// it was fitted in; after that the next request reads the candles again and fits a new model
/// only when a candle closed since. Fitting runs on one training queue of its own, never on an
/// event loop or a pool thread, and a request that finds a fit running for its model waits for
/// that one. Fitted models are also stored (`forecast_models`), so a restart or another
/// instance reads them instead of fitting again; a stored model that cannot be read is
/// deleted and reported (`AI_001`), and the next request fits anew. A fit that failed is not
/// kept either: the next request tries again, with the next seed.
public final class ForecastService: Sendable {
    /// A symbol's risk at a time.
    public struct Risk: Sendable {
        public let spec: SymbolSpec
        public let risk: HistoricalRisk
        /// The price the risk is scaled by: the last trade's.
        public let price: Double
        public let time: Int
    }

    /// A symbol's fitted model and the price a prediction starts from.
    public struct Prediction: Sendable {
        public let spec: SymbolSpec
        public let model: ForecastModel
        public let price: Double
        public let time: Int
    }

    /// Why an analysis request failed.
    public enum Failure: Error, Sendable {
        case unknownSymbol(String)
        case forecast(ForecastFailure)
        case storage(StorageError)
    }

    private struct Key: Hashable, Sendable {
        let symbol: SymbolKey
        let interval: CandleInterval
    }

    private enum Entry: Sendable {
        /// A model valid while the clock is in the candle starting at `bucket`.
        case ready(ForecastModel, bucket: Int)
        /// Fit `id`, running for requests in the candle starting at `bucket`.
        case fitting(Task<ForecastModel, any Error>, bucket: Int, id: Int)
    }

    /// What a request finds for its model: one kept for its candle, or a fit to wait for.
    private enum Lookup {
        case kept(ForecastModel)
        case fitting(Task<ForecastModel, any Error>)
    }

    /// The kept models and fits, and how many fits of each key failed in a row (the next
    /// one's seed moves on by as many).
    private struct State {
        var entries: [Key: Entry] = [:]
        var failures: [Key: UInt64] = [:]
        var nextID = 0
    }

    private let market: MarketService
    private let backend: Backend
    private let clock: any EngineClock
    private let settings: ForecastSettings
    private let trainer = DispatchQueue(label: "forecast-training", qos: .utility)
    private let state = Mutex(State())
    private let fitted = Atomic<Int>(0)

    public init(market: MarketService, backend: Backend, clock: any EngineClock, settings: ForecastSettings = ForecastSettings()) {
        self.market = market
        self.backend = backend
        self.clock = clock
        self.settings = settings
    }

    /// How many fits this service has started, failed ones included (models read back from
    /// the database are not fits).
    public var fits: Int { fitted.load(ordering: .relaxed) }

    /// The risk of the symbol `text` names over its newest `window` daily returns.
    public func risk(symbol text: String, window: Int) async throws(Failure) -> Risk {
        guard let spec = market.resolve(text) else { throw .unknownSymbol(text) }
        let now = clock.now()
        let bars = try await closedCandles(spec, interval: .day1, count: window + 1, now: now)
        let closes = bars.map { (time: $0.start, close: StrategyContext.value(ticks: $0.close, spec)) }
        guard let risk = HistoricalRisk(closes: closes, window: window) else {
            throw .forecast(.tooLittleHistory(candles: bars.count, needed: window + 1))
        }
        return Risk(spec: spec, risk: risk, price: price(spec, lastClose: closes.last?.close), time: now)
    }

    /// The model fitted to the closed candles of `interval` of the symbol `text` names.
    public func prediction(symbol text: String, interval: CandleInterval) async throws(Failure) -> Prediction {
        guard let spec = market.resolve(text) else { throw .unknownSymbol(text) }
        let now = clock.now()
        let model = try await model(Key(symbol: spec.key, interval: interval), spec: spec, now: now)
        return Prediction(spec: spec, model: model, price: price(spec, lastClose: nil), time: now)
    }

    /// The model of `key` valid at `now`: the kept one, the one being fitted, or a new fit.
    private func model(_ key: Key, spec: SymbolSpec, now: Int) async throws(Failure) -> ForecastModel {
        let bucket = key.interval.bucketStart(of: now)
        let lookup = state.withLock { state -> Lookup in
            var kept: ForecastModel?
            switch state.entries[key] {
            case .ready(let model, let at)? where at == bucket:
                // Every request but the first of a candle ends here, without a task.
                return .kept(model)
            case .fitting(let task, let at, _)? where at == bucket:
                return .fitting(task)
            case .ready(let model, _)?:
                kept = model
            case .fitting, nil:
                break
            }
            let id = state.nextID
            state.nextID += 1
            let attempt = state.failures[key] ?? 0
            let task = Task<ForecastModel, any Error> {
                do {
                    let model = try await self.refresh(key, spec: spec, kept: kept, now: now, attempt: attempt)
                    self.finish(key, id: id, with: model, bucket: bucket)
                    return model
                } catch {
                    self.finish(key, id: id, with: nil, bucket: bucket)
                    throw error
                }
            }
            state.entries[key] = .fitting(task, bucket: bucket, id: id)
            return .fitting(task)
        }
        let task: Task<ForecastModel, any Error>
        switch lookup {
        case .kept(let model): return model
        case .fitting(let fitting): task = fitting
        }
        do {
            return try await task.value
        } catch let failure as Failure {
            throw failure
        } catch {
            throw .forecast(.untrainable("\(error)"))
        }
    }

    /// Ends fit `id` of `key`, unless a newer fit replaced it: its model is kept for the candle
    /// starting at `bucket` and the failures are forgotten, or, without a model, nothing is
    /// kept and one more failure is counted (the next fit's seed moves on).
    private func finish(_ key: Key, id: Int, with model: ForecastModel?, bucket: Int) {
        state.withLock { state in
            guard case .fitting(_, _, let current)? = state.entries[key], current == id else { return }
            if let model {
                state.entries[key] = .ready(model, bucket: bucket)
                state.failures[key] = nil
            } else {
                state.entries[key] = nil
                state.failures[key, default: 0] += 1
            }
        }
    }

    /// The model of the candles of `key` closed at `now`: `kept` when no candle closed since
    /// it was fitted, else the stored one when it was fitted on the same candles, else a new
    /// fit, stored.
    private func refresh(_ key: Key, spec: SymbolSpec, kept: ForecastModel?, now: Int, attempt: UInt64) async throws(Failure) -> ForecastModel {
        let bars = try await closedCandles(spec, interval: key.interval, count: settings.maximumCandles, now: now)
        guard let dataEnd = bars.last?.start, bars.count >= settings.minimumCandles else {
            throw .forecast(.tooLittleHistory(candles: bars.count, needed: settings.minimumCandles))
        }
        if let kept, kept.dataEnd == dataEnd, kept.candles == bars.count { return kept }
        let ticker = spec.key.marketForm, market = spec.market.rawValue, timeframe = key.interval.rawValue
        let stored = try await storage(writing: false) { repositories throws(StorageError) in
            try repositories.forecastModels.find(ticker: ticker, market: market, timeframe: timeframe)
        }
        if let stored, stored.dataEnd == dataEnd, stored.candles == bars.count {
            do {
                return try ForecastModel(storedText: stored.model)
            } catch {
                _ = try await storage(writing: true) { repositories throws(StorageError) in
                    try repositories.forecastModels.delete(ticker: ticker, market: market, timeframe: timeframe)
                }
                throw .forecast(error)
            }
        }
        var settings = self.settings
        settings.lstm.seed = Self.seed(ticker: ticker, market: market, timeframe: timeframe, dataEnd: dataEnd) &+ attempt
        let closes = bars.map { StrategyContext.value(ticks: $0.close, spec) }
        fitted.add(1, ordering: .relaxed)
        let model = try await fit(closes, dataEnd: dataEnd, settings: settings)
        let record = ForecastModelRecord(ticker: ticker, market: market, timeframe: timeframe, dataEnd: dataEnd,
                                         candles: model.candles, model: model.storedText, trainedAt: clock.now())
        try await storage(writing: true) { repositories throws(StorageError) in try repositories.forecastModels.upsert(record) }
        return model
    }

    /// Fits a model on the training queue.
    private func fit(_ closes: [Double], dataEnd: Int, settings: ForecastSettings) async throws(Failure) -> ForecastModel {
        let result = await withCheckedContinuation { (continuation: CheckedContinuation<Result<ForecastModel, ForecastFailure>, Never>) in
            trainer.async {
                do throws(ForecastFailure) {
                    continuation.resume(returning: .success(try ForecastModel(fitting: closes, dataEnd: dataEnd, settings: settings)))
                } catch {
                    continuation.resume(returning: .failure(error))
                }
            }
        }
        switch result {
        case .success(let model): return model
        case .failure(let failure): throw .forecast(failure)
        }
    }

    /// A seed that is the same for the same candles on every machine and run (FNV-1a of the
    /// series' names and its newest candle).
    static func seed(ticker: String, market: String, timeframe: String, dataEnd: Int) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in "\(ticker)|\(market)|\(timeframe)|\(dataEnd)".utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
        }
        return hash
    }

    private func storage<Value: Sendable>(writing: Bool, _ work: @escaping @Sendable (Repositories) throws(StorageError) -> Value) async throws(Failure) -> Value {
        do {
            return writing ? try await backend.write(work) : try await backend.read(work)
        } catch {
            throw .storage(error)
        }
    }

    /// The newest `count` candles of `interval` closed at `now`, oldest first.
    private func closedCandles(_ spec: SymbolSpec, interval: CandleInterval, count: Int, now: Int) async throws(Failure) -> [Bar] {
        do {
            return try await market.candles(spec, interval: interval, to: interval.bucketStart(of: now) - 1, limit: count, newest: true).bars
        } catch {
            throw .storage(error)
        }
    }

    /// The last trade's price of `spec`, else `lastClose`, else 0.
    private func price(_ spec: SymbolSpec, lastClose: Double?) -> Double {
        if let symbol = market.snapshot.symbols[spec.key] { return StrategyContext.value(ticks: symbol.price, spec) }
        return lastClose ?? 0
    }
}
