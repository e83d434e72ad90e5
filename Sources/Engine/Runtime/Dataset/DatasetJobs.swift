import Backends
import Foundation
import Primitives
import Synchronization

/// Dataset downloads as background jobs (`dataset_jobs`). `submit` checks the request, stores
/// the job queued and returns it at once; the download runs in a task of its own, off the
/// event loops: it asks the provider for the series, stores the candles in batches (real
/// candles, their `ohlcv_metadata` refreshed at the end, as `import-candles` does), and
/// reports its status, the candles stored and the percent done after each batch.
///
/// - One download of a series at a time: the database refuses a second queued or running job
///   of the same (ticker, market, timeframe) (a partial unique index), so two instances on one
///   PostgreSQL cannot start it twice; the API answers `CONFLICT`.
/// - Failures are kept: the job is marked failed with the reason, the symbol's collection
///   health counts it (`CollectionHealth`: the error log gets it too, category `provider`).
/// - Restarts: `run` beats a heartbeat on the jobs this instance holds and marks failed,
///   "interrupted by a restart", the queued or running jobs nobody has beaten for
///   `staleAfterMilliseconds` (their server stopped), at start and every heartbeat.
public final class DatasetJobs: Sendable {
    /// The message of a job whose server stopped before it finished.
    public static let interruptedMessage = "interrupted by a restart"

    private struct State {
        /// Jobs of this instance not finished yet.
        var held: Set<String> = []
        var running = 0
        var waiting: [CheckedContinuation<Void, Never>] = []
        var counts: [String: Int] = Dictionary(uniqueKeysWithValues: DatasetJobRepository.statuses.map { ($0, 0) })
    }

    private let backend: Backend
    private let provider: any MarketDataProvider
    private let health: CollectionHealth
    private let errors: ErrorRecorder?
    private let clock: any EngineClock
    /// How jobs run.
    public let settings: DatasetJobSettings
    private let state = Mutex(State())

    /// Jobs stored in `backend`, downloading from `provider`; failures recorded through `errors`.
    public init(backend: Backend, provider: any MarketDataProvider, errors: ErrorRecorder?, clock: any EngineClock,
                settings: DatasetJobSettings = DatasetJobSettings()) {
        self.backend = backend
        self.provider = provider
        self.errors = errors
        self.clock = clock
        self.settings = settings
        health = CollectionHealth(backend: backend, errors: errors, clock: clock)
    }

    /// Jobs by status (`queued`, `running`, `completed`, `failed`), across every instance
    /// sharing the database, as of the last heartbeat or job change of this one.
    public func jobCounts() -> [String: Int] {
        state.withLock { $0.counts }
    }

    /// Stores a download of `text` (in `market`, or the one market listing it) queued and starts it.
    /// - Throws: `.unknownSymbol`, `.ambiguousMarket`, `.invalid` (start after end),
    ///   `.symbolDeactivated`, `.downloadInProgress`, `.storage`.
    public func submit(_ text: String, market: String?, interval: CandleInterval, start: Int?, end: Int?) async throws(DatasetError) -> DatasetJobRecord {
        if let start, let end, start > end { throw .invalid(field: "body.start", reason: "is after end") }
        let now = clock.now()
        let id = UUID().uuidString.lowercased()
        let request = Self.requestJSON(symbol: text, market: market, interval: interval, start: start, end: end)
        let outcome: Result<DatasetJobRecord, DatasetError>
        do throws(StorageError) {
            outcome = try await backend.write { r throws(StorageError) -> Result<DatasetJobRecord, DatasetError> in
                let symbol: SymbolRecord
                do throws(DatasetError) {
                    symbol = try SymbolLookup.entry(text, market: market, in: r, field: "body.market", notFound: .unknownSymbol(text, market: market))
                } catch {
                    if case .storage(let storage) = error { throw storage }
                    return .failure(error)
                }
                guard symbol.isActive else { return .failure(.symbolDeactivated(symbol.ticker, market: symbol.market)) }
                if let running = try r.datasetJobs.active(ticker: symbol.ticker, market: symbol.market, timeframe: interval.rawValue) {
                    return .failure(.downloadInProgress(running))
                }
                let job = DatasetJobRecord(id: id, ticker: symbol.ticker, market: symbol.market, timeframe: interval.rawValue,
                                           request: request, createdAt: now, updatedAt: now)
                try r.datasetJobs.insert(job)
                return .success(job)
            }
        } catch .uniqueViolation {
            // Another instance stored the same download between the check and the insert.
            throw await conflict(text, market: market, interval: interval)
        } catch {
            throw .storage(error)
        }
        let job = try outcome.get()
        _ = state.withLock { $0.held.insert(job.id) }
        await refreshCounts()
        Task.detached { [self] in await execute(job) }
        return job
    }

    /// Marks failed the jobs nobody runs any more: queued or running, not held here, and not
    /// beaten for `staleAfterMilliseconds`. Returns them.
    @discardableResult
    public func failInterrupted() async throws(StorageError) -> [DatasetJobRecord] {
        let now = clock.now()
        let cutoff = now - settings.staleAfterMilliseconds
        let held = state.withLock { $0.held }
        let failed = try await backend.write { r throws(StorageError) in
            try r.datasetJobs.failStale(before: cutoff, excluding: held, message: Self.interruptedMessage, at: now)
        }
        for job in failed {
            errors?.record(.error, .provider, "Download of \(job.ticker) (\(job.market)) \(job.timeframe) was \(Self.interruptedMessage)",
                           details: .object([JSONMember("job_id", .string(job.id)), JSONMember("ticker", .string(job.ticker)),
                                             JSONMember("market", .string(job.market)), JSONMember("timeframe", .string(job.timeframe))]))
        }
        return failed
    }

    /// Beats the heartbeat of the jobs held here and fails interrupted ones, now and every
    /// `heartbeatMilliseconds`, until the task is cancelled.
    public func run() async {
        while !Task.isCancelled {
            await beat()
            try? await Task.sleep(for: .milliseconds(settings.heartbeatMilliseconds))
        }
    }

    /// One heartbeat: the held jobs touched, interrupted ones failed, the counts refreshed.
    public func beat() async {
        let now = clock.now()
        let held = Array(state.withLock { $0.held })
        do throws(StorageError) {
            _ = try await backend.write { r throws(StorageError) in try r.datasetJobs.touch(ids: held, at: now) }
            try await failInterrupted()
        } catch {
            errors?.record(.error, .database, "Dataset job heartbeat failed: \(error)")
        }
        await refreshCounts()
    }

    /// The whole life of one job: wait for a slot, download, store, finish.
    private func execute(_ queued: DatasetJobRecord) async {
        await acquireSlot()
        defer { releaseSlot(queued.id) }
        var job = queued
        job.status = "running"
        job.updatedAt = clock.now()
        guard await save(job, onlyIfActive: true) else { return }
        await refreshCounts()
        guard let market = MarketKind(rawValue: job.market), let interval = CandleInterval(rawValue: job.timeframe) else {
            return await fail(&job, reason: "the series \(job.ticker) \(job.market) \(job.timeframe) is not one the server keeps", countsAgainstSymbol: false)
        }
        let request = Self.candleRequest(job, market: market, interval: interval)
        let candles: [CandleRecord]
        do throws(ProviderError) {
            candles = try await provider.candles(request)
        } catch {
            return await fail(&job, reason: error.description, countsAgainstSymbol: true)
        }
        do throws(StorageError) {
            try await store(candles, of: &job)
            try await health.succeeded(ticker: job.ticker, market: job.market)
        } catch {
            errors?.record(.error, .database, "Storing the candles of \(job.ticker) (\(job.market)) \(job.timeframe) failed: \(error)")
            return await fail(&job, reason: "storing the candles failed: \(error)", countsAgainstSymbol: false)
        }
        job.status = "completed"
        job.progress = 100
        job.updatedAt = clock.now()
        _ = await save(job, onlyIfActive: false)
        await refreshCounts()
    }

    /// Stores the candles in batches, the job's progress written with each batch.
    private func store(_ candles: [CandleRecord], of job: inout DatasetJobRecord) async throws(StorageError) {
        var written = 0
        while written < candles.count {
            let end = min(candles.count, written + settings.batchSize)
            let batch = Array(candles[written..<end])
            let now = clock.now()
            job.fetched = end
            job.progress = (Double(end) * 1000 / Double(candles.count)).rounded(.down) / 10
            job.updatedAt = now
            let progress = job
            let last = end == candles.count
            try await backend.write { r throws(StorageError) in
                try r.candles.replace(ticker: progress.ticker, market: progress.market, timeframe: progress.timeframe, candles: batch,
                                      at: now, refreshingSummary: last, source: CandleSource.real)
                try r.datasetJobs.update(progress)
            }
            written = end
        }
    }

    /// Marks the job failed with `reason`; a provider's failure also counts against the symbol.
    private func fail(_ job: inout DatasetJobRecord, reason: String, countsAgainstSymbol: Bool) async {
        job.status = "failed"
        job.message = reason
        job.updatedAt = clock.now()
        if countsAgainstSymbol {
            await health.failed(ticker: job.ticker, market: job.market, timeframe: job.timeframe, reason: reason, job: job.id)
        }
        _ = await save(job, onlyIfActive: false)
        await refreshCounts()
    }

    /// Writes the job's state, trying a few times while the database refuses (the heartbeat
    /// keeps the job alive meanwhile). With `onlyIfActive`, a job no longer queued or running
    /// (failed as interrupted) is left alone and false returned.
    private func save(_ job: DatasetJobRecord, onlyIfActive: Bool) async -> Bool {
        for attempt in 0..<5 {
            do throws(StorageError) {
                return try await backend.write { r throws(StorageError) -> Bool in
                    if onlyIfActive {
                        guard let stored = try r.datasetJobs.find(id: job.id),
                              DatasetJobRepository.activeStatuses.contains(stored.status) else { return false }
                    }
                    return try r.datasetJobs.update(job)
                }
            } catch {
                if attempt == 4 {
                    errors?.record(.error, .database, "Saving dataset job \(job.id) (\(job.status)) failed: \(error)")
                    return false
                }
                try? await Task.sleep(for: .milliseconds(200 << attempt))
            }
        }
        return false
    }

    private func conflict(_ text: String, market: String?, interval: CandleInterval) async -> DatasetError {
        let forms = SymbolLookup.forms(of: text)
        let running = try? await backend.read { r throws(StorageError) -> DatasetJobRecord? in
            try r.datasetJobs.active().first { job in
                forms.contains(job.ticker) && (market.map { job.market == $0 } ?? true) && job.timeframe == interval.rawValue
            }
        }
        if let running { return .downloadInProgress(running) }
        return .storage(.uniqueViolation(constraint: "dataset_jobs_active_series"))
    }

    private func refreshCounts() async {
        guard let counts = try? await backend.read({ r throws(StorageError) in try r.datasetJobs.countsByStatus() }) else { return }
        state.withLock { $0.counts = counts }
    }

    private func acquireSlot() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let now = state.withLock { state -> Bool in
                guard state.running < settings.concurrentJobs else {
                    state.waiting.append(continuation)
                    return false
                }
                state.running += 1
                return true
            }
            if now { continuation.resume() }
        }
    }

    /// Hands the slot to the next waiting job, or frees it; the job is no longer held.
    private func releaseSlot(_ id: String) {
        let next = state.withLock { state -> CheckedContinuation<Void, Never>? in
            state.held.remove(id)
            guard !state.waiting.isEmpty else {
                state.running -= 1
                return nil
            }
            return state.waiting.removeFirst()
        }
        next?.resume()
    }

    private static func candleRequest(_ job: DatasetJobRecord, market: MarketKind, interval: CandleInterval) -> CandleRequest {
        let request = try? JSONParser.parse(job.request)
        return CandleRequest(ticker: job.ticker, market: market, interval: interval,
                             start: request?["start"]?.integer, end: request?["end"]?.integer)
    }

    /// The request as stored with the job: what was asked, times in epoch ms.
    private static func requestJSON(symbol: String, market: String?, interval: CandleInterval, start: Int?, end: Int?) -> String {
        var members = [JSONMember("symbol", .string(symbol)), JSONMember("timeframe", .string(interval.rawValue))]
        if let market { members.append(JSONMember("market", .string(market))) }
        if let start { members.append(JSONMember("start", .number(String(start)))) }
        if let end { members.append(JSONMember("end", .number(String(end)))) }
        return JSONValue.object(members).text
    }
}
