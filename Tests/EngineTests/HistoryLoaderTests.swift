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

    func theDemoStocksGetIllustrativeFundamentalsMarkedDemo() async throws {
        let loaded = try await HistoryLoader(backend: backend).loadIfNeeded(universe: .demo, sampleFolder: DemoHistoryTests.folder,
                                                                            now: Self.now)
        XCTAssertEqual(loaded.count, 7)
        let fundamentals = try await backend.read { r throws(StorageError) in try r.fundamentals.list() }
        XCTAssertEqual(fundamentals.map { "\($0.market) \($0.ticker) \($0.source)" },
                       ["KR 000660 demo", "KR 005930 demo", "KR 035720 demo", "US GOOG demo"], "crypto and FX have none")
        XCTAssertEqual(fundamentals, DemoFundamentals.records(for: .demo, at: Self.now))
        for record in fundamentals {
            let figures = [record.per, record.pbr, record.psr, record.roe, record.roa, record.operatingMargin, record.netMargin,
                           record.revenueGrowth, record.earningsGrowth, record.dividendYield, record.debtRatio]
            XCTAssertFalse(figures.contains(nil), "\(record.ticker) has every figure")
            XCTAssertNotNil(record.sector)
            XCTAssertEqual(record.updatedAt, Self.now)
        }
        XCTAssertEqual(fundamentals.first { $0.ticker == "005930" }?.marketCap?.description, "430000000000000")
        let symbols = try await backend.read { r throws(StorageError) in try r.symbols.list() }
        XCTAssertEqual(symbols.first { $0.ticker == "GOOG" }?.sector, "Communication Services", "the stocks' sector is listed too")
        XCTAssertEqual(symbols.first { $0.ticker == "BTC-USDT" }?.sector, "Cryptocurrency")
    }

    func demoFundamentalsKeepImportedFiguresAndAreStoredOnce() async throws {
        let imported = FundamentalRecord(ticker: "GOOG", market: "US", per: 31, updatedAt: Self.now - 1)
        try await FundamentalImporter(backend: backend).load([imported])
        let loader = HistoryLoader(backend: backend)
        let crypto = SymbolUniverse(SymbolUniverse.demo.all.filter { $0.market == .crypto })
        _ = try await loader.loadIfNeeded(universe: crypto, sampleFolder: DemoHistoryTests.folder, now: Self.now)
        let before = try await backend.read { r throws(StorageError) in try r.fundamentals.list() }
        XCTAssertEqual(before, [imported], "a history without stocks brings no fundamentals")

        // A database whose history was stored before demo fundamentals existed gets them on its next start.
        let later = try await loader.loadIfNeeded(universe: .demo, sampleFolder: DemoHistoryTests.folder, now: Self.now + 1)
        XCTAssertEqual(later, [], "the history is not loaded again")
        let after = try await backend.read { r throws(StorageError) in try r.fundamentals.list() }
        XCTAssertEqual(after.map { "\($0.ticker) \($0.source)" }, ["000660 demo", "005930 demo", "035720 demo", "GOOG import"],
                       "figures imported before keep their place")
        XCTAssertEqual(after.last, imported)
        let claim = try await backend.read { r throws(StorageError) in try r.settings.value(DemoFundamentals.loadedKey) }
        XCTAssertEqual(claim?.filter { !$0.isWhitespace }, #"{"tickers":["000660","005930","035720","GOOG"]}"#,
                       "claimed once (PostgreSQL's jsonb spaces the text)")

        try await FundamentalImporter(backend: backend).load([FundamentalRecord(ticker: "005930", market: "KR", roe: 1,
                                                                                updatedAt: Self.now + 2)])
        _ = try await loader.loadIfNeeded(universe: .demo, sampleFolder: DemoHistoryTests.folder, now: Self.now + 3)
        let final = try await backend.read { r throws(StorageError) in try r.fundamentals.find(ticker: "005930", market: "KR") }
        XCTAssertEqual(final?.source, FundamentalSource.import, "later starts store no demo figures again")
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

    func testTheDemoStocksGetIllustrativeFundamentalsMarkedDemo() async throws {
        try await HistoryLoaderSuite(backend: backend).theDemoStocksGetIllustrativeFundamentalsMarkedDemo()
    }

    func testDemoFundamentalsKeepImportedFiguresAndAreStoredOnce() async throws {
        try await HistoryLoaderSuite(backend: backend).demoFundamentalsKeepImportedFiguresAndAreStoredOnce()
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

    func testTheDemoStocksGetIllustrativeFundamentalsMarkedDemo() async throws {
        try await HistoryLoaderSuite(backend: backend).theDemoStocksGetIllustrativeFundamentalsMarkedDemo()
    }

    func testDemoFundamentalsKeepImportedFiguresAndAreStoredOnce() async throws {
        try await HistoryLoaderSuite(backend: backend).demoFundamentalsKeepImportedFiguresAndAreStoredOnce()
    }
}
