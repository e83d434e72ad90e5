import Backends
import Foundation
import Primitives
import XCTest
@testable import Engine

/// The engine writes its candles behind; a restart goes on from them: the candle forming at
/// the stop keeps forming, and no series gets an overlapping or out-of-order candle.
final class MarketRestartTests: XCTestCase {
    func testARestartContinuesTheStoredCandlesOnSQLite() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("restart-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        try await restartContinuesTheStoredCandles { try await Backend.open("sqlite:" + directory.appendingPathComponent("r.db").path) }
    }

    func testARestartContinuesTheStoredCandlesOnPostgreSQL() async throws {
        guard let url = ProcessInfo.processInfo.environment["TRADING_TEST_POSTGRES_URL"] else {
            throw XCTSkip("TRADING_TEST_POSTGRES_URL is not set (make test starts a throwaway PostgreSQL)")
        }
        let setting = try await PostgresDatabase.url(url, selectingEmptySchema: "market_restart")
        try await restartContinuesTheStoredCandles { try await Backend.open(setting) }
    }

    private func restartContinuesTheStoredCandles(_ open: () async throws -> Backend) async throws {
        let backend = try await open()
        defer { backend.database.close() }
        let universe = SymbolUniverse([MarketCoreTests.starts()[1].spec])
        let spec = universe.all[0]
        let settings = MarketSettings(feed: FeedSettings(tickMilliseconds: 500), publishMilliseconds: 100, flushMilliseconds: 100,
                                      maxCatchUpMilliseconds: 1_000_000)
        let clock = ManualClock(MarketCoreTests.t0)
        func run(until end: Int) async throws {
            let starts = try await MarketStartup.starts(universe: universe, backend: backend, now: clock.now()) { _ in nil }
            let engine = MarketEngine(core: MarketCore(settings: settings, symbols: starts, sink: nil, now: clock.now()), clock: clock,
                                      store: BackendCandleStore(backend: backend, clock: clock))
            engine.start()
            clock.set(end)
            _ = await engine.perform { _ in 0 }
            await engine.stop()
        }
        // Runs 90 s, stops in the middle of the second minute, runs 60 s more.
        try await run(until: MarketCoreTests.t0 + 90_000)
        let stopped = try await candles(backend, spec, .minute1)
        XCTAssertEqual(stopped.map(\.timestamp), [MarketCoreTests.t0, MarketCoreTests.t0 + 60_000])
        try await run(until: MarketCoreTests.t0 + 150_000)
        let minutes = try await candles(backend, spec, .minute1)
        XCTAssertEqual(minutes.map(\.timestamp), [MarketCoreTests.t0, MarketCoreTests.t0 + 60_000, MarketCoreTests.t0 + 120_000])
        XCTAssertEqual(minutes[1].open, stopped[1].open, "the forming minute went on after the restart")
        XCTAssertGreaterThan(minutes[1].volume, stopped[1].volume)
        // Every interval's candles add up to the same total volume, the five minutes included.
        let total = minutes.reduce(ExactDecimal.zero) { $0 + $1.volume }
        for interval in [CandleInterval.minute5, .hour1, .day1, .month1] {
            let bars = try await candles(backend, spec, interval)
            XCTAssertEqual(bars.count, 1, "\(interval)")
            XCTAssertEqual(bars.first?.volume, total, "\(interval)")
        }
        let series = try await backend.read { r throws(StorageError) in try r.candles.series() }
        XCTAssertEqual(series.first { $0.timeframe == "1m" }?.count, 3)
    }

    private func candles(_ backend: Backend, _ spec: SymbolSpec, _ interval: CandleInterval) async throws -> [CandleRecord] {
        try await backend.read { r throws(StorageError) in
            try r.candles.candles(ticker: spec.key.marketForm, market: spec.market.rawValue, timeframe: interval.rawValue)
        }
    }
}
