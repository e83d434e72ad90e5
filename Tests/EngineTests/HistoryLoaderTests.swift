import Foundation
import XCTest
import Backends
import Primitives
@testable import Engine

/// Storing the demo history on a database's first start, written once and run on SQLite
/// and PostgreSQL.
struct HistoryLoaderSuite {
    let backend: Backend
    static let now = DemoHistoryTests.firstStart

    func theDemoHistoryLoadsOncePerDatabase() async throws {
        let loader = HistoryLoader(backend: backend)
        let first = try await loader.loadIfNeeded(universe: .demo, sampleFolder: DemoHistoryTests.folder, now: Self.now)
        XCTAssertEqual(first.map(\.ticker), ["000660", "005930", "035720", "BTC-USDT", "ETH-USDT", "EUR-USD", "GOOG"])
        XCTAssertEqual(first.compactMap(\.missingSample), [])
        let second = try await loader.loadIfNeeded(universe: .demo, sampleFolder: DemoHistoryTests.folder, now: Self.now + 1)
        XCTAssertEqual(second, [], "a second start loads nothing")
        let firstStart = try await loader.firstStart()
        XCTAssertEqual(firstStart, Self.now)

        let series = try await backend.read { r throws(StorageError) in try r.candles.series() }
        let bitcoin = series.filter { $0.ticker == "BTC-USDT" }.map { "\($0.timeframe) \($0.source) \($0.count)" }
        XCTAssertEqual(bitcoin.sorted(), ["1M real 156", "1d synthetic 4749", "1w synthetic 680"])
        XCTAssertEqual(Set(series.filter { $0.ticker == "EUR-USD" }.map(\.source)), [CandleSource.real])
        XCTAssertEqual(Set(series.filter { $0.ticker == "005930" }.map(\.source)), [CandleSource.synthetic])
        for spec in SymbolUniverse.demo.all {
            let history = try DemoHistory.history(for: spec, sampleFolder: DemoHistoryTests.folder, firstStart: Self.now)
            XCTAssertEqual(Set(series.filter { $0.ticker == spec.key.marketForm }.map(\.timeframe)),
                           Set(history.series.keys.map(\.rawValue)), "\(spec.key)")
            for (interval, bars) in history.series {
                let info = series.first { $0.ticker == spec.key.marketForm && $0.timeframe == interval.rawValue }
                XCTAssertEqual(info?.count, bars.count, "\(spec.key) \(interval.rawValue)")
                XCTAssertEqual(info?.market, spec.market.rawValue)
            }
        }
        let goog = try await backend.read { r throws(StorageError) in
            try r.candles.candles(ticker: "GOOG", market: "US", timeframe: "1d", limit: 1, newest: true)
        }
        XCTAssertEqual(goog.first?.close.description, "806.19")
        let symbols = try await backend.read { r throws(StorageError) in try r.symbols.list(market: nil, activeOnly: true) }
        XCTAssertEqual(symbols.map { "\($0.market) \($0.ticker)" }.sorted(),
                       ["CRYPTO BTC-USDT", "CRYPTO ETH-USDT", "FX EUR-USD", "KR 000660", "KR 005930", "KR 035720", "US GOOG"])
        XCTAssertEqual(symbols.first { $0.ticker == "005930" }?.name, "Samsung Electronics")
        let orphans = try await backend.write { r throws(StorageError) in try r.symbolMaintenance.cleanupOrphanSymbolData() }
        XCTAssertEqual(orphans, [], "every candle belongs to a known symbol, so a cleanup keeps them")
    }

    func aMissingSampleFileGivesThatSymbolASyntheticHistory() async throws {
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("no-samples-\(UUID().uuidString)").path
        let loaded = try await HistoryLoader(backend: backend).loadIfNeeded(universe: .demo, sampleFolder: empty, now: Self.now)
        XCTAssertEqual(loaded.filter { $0.missingSample != nil }.map(\.ticker), ["BTC-USDT", "EUR-USD", "GOOG"])
        XCTAssertEqual(loaded.first { $0.ticker == "GOOG" }?.missingSample, empty + "/GOOG.csv")
        let series = try await backend.read { r throws(StorageError) in try r.candles.series() }
        let google = series.filter { $0.ticker == "GOOG" }.map { "\($0.timeframe) \($0.source) \($0.count)" }
        XCTAssertEqual(google.sorted(), ["1M synthetic 25", "1d synthetic 730", "1w synthetic 105"])
    }
}

/// The history loader on an SQLite file.
final class SQLiteHistoryLoaderTests: XCTestCase {
    private var directory: URL!
    private var backend: Backend!

    override func setUp() async throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("history-\(UUID().uuidString)")
        backend = try await Backend.open("sqlite:" + directory.appendingPathComponent("t.db").path)
    }

    override func tearDown() async throws {
        backend?.database.close()
        try? FileManager.default.removeItem(at: directory)
    }

    func testTheDemoHistoryLoadsOncePerDatabase() async throws {
        try await HistoryLoaderSuite(backend: backend).theDemoHistoryLoadsOncePerDatabase()
    }

    func testAMissingSampleFileGivesThatSymbolASyntheticHistory() async throws {
        try await HistoryLoaderSuite(backend: backend).aMissingSampleFileGivesThatSymbolASyntheticHistory()
    }
}

/// The history loader on the throwaway PostgreSQL server, in a schema of its own per test.
final class PostgresHistoryLoaderTests: XCTestCase {
    private var backend: Backend!

    override func setUp() async throws {
        guard let url = ProcessInfo.processInfo.environment["TRADING_TEST_POSTGRES_URL"] else {
            throw XCTSkip("TRADING_TEST_POSTGRES_URL is not set (make test starts a throwaway PostgreSQL)")
        }
        backend = try await Backend.open(try await PostgresDatabase.url(url, selectingEmptySchema: "history_loader"))
    }

    override func tearDown() async throws {
        backend?.database.close()
    }

    func testTheDemoHistoryLoadsOncePerDatabase() async throws {
        try await HistoryLoaderSuite(backend: backend).theDemoHistoryLoadsOncePerDatabase()
    }

    func testAMissingSampleFileGivesThatSymbolASyntheticHistory() async throws {
        try await HistoryLoaderSuite(backend: backend).aMissingSampleFileGivesThatSymbolASyntheticHistory()
    }
}
