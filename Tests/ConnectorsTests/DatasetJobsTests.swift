import Backends
import Connectors
import Engine
import Foundation
import HTTPStub
import Primitives
import Testing

/// Dataset downloads as background jobs, with a local stub playing the HTTP provider and a real
/// SQLite database: progress and stored candles, one download a series at a time, failures
/// counted against the symbol and recorded in the error log, restarts.
@Suite struct DatasetJobsTests {
    static let day = 86_400_000
    static let start = 1_769_472_000_000

    /// `count` daily candles from `start`, as the provider answers them.
    static func candles(_ count: Int) -> String {
        let rows = (0..<count).map { index in
            #"{"timestamp":"\#(Timestamp.iso8601(epochMilliseconds: start + index * day))","open":"100","high":"110","low":"90","close":"105","volume":"\#(index + 1)"}"#
        }
        return #"{"candles":["# + rows.joined(separator: ",") + "]}"
    }

    /// A database with `005930` listed in KR (and `SAME` in KR and US).
    static func backend() async throws -> (Backend, URL) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("jobs-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let backend = try await Backend.open("sqlite:" + directory.appendingPathComponent("j.db").path)
        try await backend.write { r throws(StorageError) in
            try r.symbols.upsert(SymbolRecord(ticker: "005930", market: "KR", name: "Samsung", updatedAt: 1))
            try r.symbols.upsert(SymbolRecord(ticker: "SAME", market: "KR", updatedAt: 1))
            try r.symbols.upsert(SymbolRecord(ticker: "SAME", market: "US", updatedAt: 1))
        }
        return (backend, directory)
    }

    static func jobs(_ backend: Backend, _ stub: HTTPStub, errors: ErrorRecorder? = nil, clock: any EngineClock = SystemClock(),
                     batchSize: Int = 2) -> DatasetJobs {
        let provider = HTTPMarketDataProvider(baseURL: stub.baseURL, settings: HTTPClientSettings(timeout: 5, retries: 0))
        return DatasetJobs(backend: backend, provider: provider, errors: errors, clock: clock,
                           settings: DatasetJobSettings(batchSize: batchSize, heartbeatMilliseconds: 1000, staleAfterMilliseconds: 5000))
    }

    /// The job once it is no longer queued or running.
    static func finished(_ id: String, in backend: Backend) async throws -> DatasetJobRecord {
        let deadline = ContinuousClock.now + .seconds(20)
        while ContinuousClock.now < deadline {
            let job = try await backend.read { r throws(StorageError) in try r.datasetJobs.find(id: id) }
            if let job, !DatasetJobRepository.activeStatuses.contains(job.status) { return job }
            try await Task.sleep(for: .milliseconds(20))
        }
        throw CancellationError()
    }

    @Test func aJobStoresRealCandlesInBatchesAndReportsItsProgress() async throws {
        let (backend, directory) = try await Self.backend()
        defer { backend.database.close(); try? FileManager.default.removeItem(at: directory) }
        let stub = try HTTPStub { _ in .json(Self.candles(5)) }
        defer { stub.stop() }
        let jobs = Self.jobs(backend, stub)
        let queued = try await jobs.submit("005930", market: nil, interval: .day1, start: Self.start, end: nil)
        #expect(queued.status == "queued")
        #expect(queued.progress == 0 && queued.fetched == 0)
        #expect((queued.ticker, queued.market, queued.timeframe) == ("005930", "KR", "1d"))
        let done = try await Self.finished(queued.id, in: backend)
        #expect(done.status == "completed")
        #expect(done.fetched == 5)
        #expect(done.progress == 100)
        #expect(done.message == nil)
        let (stored, series) = try await backend.read { r throws(StorageError) in
            (try r.candles.candles(ticker: "005930", market: "KR", timeframe: "1d"), try r.candles.series())
        }
        #expect(stored.map(\.volume) == (1...5).map { ExactDecimal($0) })
        #expect(series.map(\.source) == [CandleSource.real])
        #expect(series.first?.count == 5)
        #expect(stub.requests.first?.target.contains("start=2026-01-27T00%3A00%3A00Z") == true)
        #expect(jobs.jobCounts()["completed"] == 1)
    }

    @Test func aSecondDownloadOfTheSameSeriesIsRefusedWhileTheFirstRuns() async throws {
        let (backend, directory) = try await Self.backend()
        defer { backend.database.close(); try? FileManager.default.removeItem(at: directory) }
        let stub = try HTTPStub { _ in .json(Self.candles(3), delay: 1.5) }
        defer { stub.stop() }
        let jobs = Self.jobs(backend, stub)
        let first = try await jobs.submit("005930", market: "KR", interval: .day1, start: nil, end: nil)
        // The refusal names the first download, queued or already running by then.
        let refusal = await #expect(throws: DatasetError.self) {
            try await jobs.submit("005930", market: "KR", interval: .day1, start: Self.start, end: nil)
        }
        guard case .downloadInProgress(let running)? = refusal else {
            Issue.record("expected downloadInProgress, got \(String(describing: refusal))")
            return
        }
        #expect(running.id == first.id)
        #expect(["queued", "running"].contains(running.status))
        // Another instance sharing the database is refused by the database itself.
        let sibling = Self.jobs(backend, stub)
        await #expect(throws: DatasetError.self) { try await sibling.submit("005930", market: nil, interval: .day1, start: nil, end: nil) }
        let weekly = try await jobs.submit("005930", market: "KR", interval: .week1, start: nil, end: nil)
        #expect(try await Self.finished(first.id, in: backend).status == "completed")
        _ = try await Self.finished(weekly.id, in: backend)
        let again = try await jobs.submit("005930", market: "KR", interval: .day1, start: nil, end: nil)
        #expect(again.id != first.id, "once the first is done, the series can be downloaded again")
        _ = try await Self.finished(again.id, in: backend)
    }

    @Test func requestsForUnknownAmbiguousOrReversedSeriesAreRefused() async throws {
        let (backend, directory) = try await Self.backend()
        defer { backend.database.close(); try? FileManager.default.removeItem(at: directory) }
        let stub = try HTTPStub { _ in .json(Self.candles(1)) }
        defer { stub.stop() }
        let jobs = Self.jobs(backend, stub)
        await #expect(throws: DatasetError.unknownSymbol("999999", market: nil)) {
            try await jobs.submit("999999", market: nil, interval: .day1, start: nil, end: nil)
        }
        await #expect(throws: DatasetError.unknownSymbol("005930", market: "US")) {
            try await jobs.submit("005930", market: "US", interval: .day1, start: nil, end: nil)
        }
        await #expect(throws: DatasetError.ambiguousMarket("SAME", markets: ["KR", "US"], field: "body.market")) {
            try await jobs.submit("SAME", market: nil, interval: .day1, start: nil, end: nil)
        }
        await #expect(throws: DatasetError.invalid(field: "body.start", reason: "is after end")) {
            try await jobs.submit("005930", market: nil, interval: .day1, start: Self.start + 1, end: Self.start)
        }
        let stored = try await backend.read { r throws(StorageError) in try r.datasetJobs.list() }
        #expect(stored.isEmpty, "nothing refused is stored")
    }

    @Test func failuresWarnThenTurnCriticalThenDeactivateAndReactivationStartsOver() async throws {
        let (backend, directory) = try await Self.backend()
        defer { backend.database.close(); try? FileManager.default.removeItem(at: directory) }
        let stub = try HTTPStub { _ in .json(#"{"error":"down"}"#, status: 500) }
        defer { stub.stop() }
        let errors = ErrorRecorder(backend: backend, seed: 7)
        let jobs = Self.jobs(backend, stub, errors: errors)
        for _ in 0..<3 {
            let job = try await jobs.submit("005930", market: "KR", interval: .day1, start: nil, end: nil)
            let failed = try await Self.finished(job.id, in: backend)
            #expect(failed.status == "failed")
            #expect(failed.message == "Market data provider gave a bad answer: HTTP status 500")
        }
        try await errors.flush()
        let logged = try await backend.read { r throws(StorageError) in try r.errorLog.list(category: "provider", limit: 10) }.reversed()
        #expect(logged.map(\.severity) == ["warning", "critical", "critical"])
        #expect(logged.last?.message.contains("3 times in a row; the symbol is deactivated") == true)
        let details = try JSONParser.parse(try #require(logged.last?.details))
        #expect(details["ticker"] == .string("005930") && details["market"] == .string("KR") && details["timeframe"] == .string("1d"))
        #expect(details["failure_count"]?.integer == 3 && details["deactivated"] == .bool(true))
        let symbol = try await backend.read { r throws(StorageError) in try r.symbols.find(ticker: "005930", market: "KR") }
        #expect(symbol?.isActive == false && symbol?.consecutiveFailures == 3)
        await #expect(throws: DatasetError.symbolDeactivated("005930", market: "KR")) {
            try await jobs.submit("005930", market: "KR", interval: .day1, start: nil, end: nil)
        }

        let service = DatasetService(backend: backend, provider: CSVFolderProvider(folder: directory.path), clock: SystemClock()) { _, _ in false }
        let reactivated = try await service.reactivate("005930", market: nil)
        #expect(reactivated.isActive && reactivated.consecutiveFailures == 0)
        let job = try await jobs.submit("005930", market: "KR", interval: .day1, start: nil, end: nil)
        _ = try await Self.finished(job.id, in: backend)
        try await errors.flush()
        let newest = try await backend.read { r throws(StorageError) in try r.errorLog.list(category: "provider", limit: 1) }
        #expect(newest.first?.severity == "warning", "the count starts over after reactivation")
        stub.respond { _ in .json(Self.candles(2)) }
        let good = try await jobs.submit("005930", market: "KR", interval: .day1, start: nil, end: nil)
        #expect(try await Self.finished(good.id, in: backend).status == "completed")
        let healthy = try await backend.read { r throws(StorageError) in try r.symbols.find(ticker: "005930", market: "KR") }
        #expect(healthy?.consecutiveFailures == 0, "a success resets the streak")
    }

    @Test func jobsLeftByAStoppedServerAreFailedAsInterrupted() async throws {
        let (backend, directory) = try await Self.backend()
        defer { backend.database.close(); try? FileManager.default.removeItem(at: directory) }
        let stub = try HTTPStub { _ in .json(Self.candles(1)) }
        defer { stub.stop() }
        let now = 1_800_000_000_000
        try await backend.write { r throws(StorageError) in
            try r.datasetJobs.insert(DatasetJobRecord(id: "left-running", ticker: "005930", market: "KR", timeframe: "1d", status: "running",
                                                      progress: 40, fetched: 4, request: "{}", createdAt: now - 60_000, updatedAt: now - 20_000))
            try r.datasetJobs.insert(DatasetJobRecord(id: "left-queued", ticker: "005930", market: "KR", timeframe: "1w",
                                                      request: "{}", createdAt: now - 60_000, updatedAt: now - 20_000))
            try r.datasetJobs.insert(DatasetJobRecord(id: "alive", ticker: "005930", market: "KR", timeframe: "1h",
                                                      request: "{}", createdAt: now - 2_000, updatedAt: now - 1_000))
        }
        let errors = ErrorRecorder(backend: backend, seed: 8)
        let jobs = Self.jobs(backend, stub, errors: errors, clock: ManualClock(now))
        await jobs.beat()
        let stored = try await backend.read { r throws(StorageError) in
            try ["left-running", "left-queued", "alive"].map { id throws(StorageError) in try r.datasetJobs.find(id: id) }
        }
        #expect(stored.map { $0?.status } == ["failed", "failed", "queued"], "a job beaten within the last 5 s has a live runner")
        #expect(stored[0]?.message == DatasetJobs.interruptedMessage)
        #expect(stored[0]?.fetched == 4, "what was stored stays counted")
        #expect(jobs.jobCounts() == ["queued": 1, "running": 0, "completed": 0, "failed": 2])
        try await errors.flush()
        let logged = try await backend.read { r throws(StorageError) in try r.errorLog.list(category: "provider", limit: 10) }
        #expect(logged.count == 2)
    }
}
