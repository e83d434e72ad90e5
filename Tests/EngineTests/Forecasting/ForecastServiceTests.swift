import Backends
@testable import Engine
import Foundation
import Primitives
import XCTest

/// `ForecastService` over a database: one fit for concurrent requests, the model kept until
/// a candle closes, read back from the database by a new service (a restart), a corrupt
/// stored model reported and then replaced, and failed fits tried again.
final class ForecastServiceTests: XCTestCase {
    static let day = 86_400_000
    static let spec = SymbolSpec(key: SymbolKey("FC-USDT")!, name: "Forecast", market: .crypto, prices: UnitScale(digits: 2),
                                 quantities: UnitScale(digits: 2), source: .synthetic(seed: 1, startPrice: 100, sigma: 0.2))

    private var directory: URL!
    private var backend: Backend!
    private var clock: ManualClock!
    private var market: MarketService!

    override func setUp() async throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("forecast-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        backend = try await Backend.open("sqlite:" + directory.appendingPathComponent("f.db").path)
        try await store(ForecastFixture.closes(count: 200, phi: 0.5, sigma: 0.01, seed: 21), from: 0)
        // The clock an hour into the day after the last candle: every stored candle is closed.
        clock = ManualClock(200 * Self.day + 3_600_000)
        let mirror = MarketMirror(backend: backend, symbols: [Self.spec], book: BookShape(), clock: clock, sink: nil)
        market = MarketService(source: .mirror(mirror), backend: backend, universe: SymbolUniverse([Self.spec]))
    }

    override func tearDown() async throws {
        backend.database.close()
        try? FileManager.default.removeItem(at: directory)
    }

    /// Stores daily candles closing at `closes`, the first opening on day `from`.
    private func store(_ closes: [Double], from: Int) async throws {
        let prices = Self.spec.prices
        let candles = closes.enumerated().map { index, close in
            let value = prices.decimal(rounding: close)!
            return CandleRecord(timestamp: (from + index) * Self.day, open: value, high: value, low: value, close: value,
                                volume: Self.spec.quantities.decimal(100))
        }
        try await backend.write { r throws(StorageError) in
            try r.candles.replace(ticker: "FC-USDT", market: "CRYPTO", timeframe: "1d", candles: candles, at: 0)
        }
    }

    private func service(_ settings: ForecastSettings = ForecastFixture.settings) -> ForecastService {
        ForecastService(market: market, backend: backend, clock: clock, settings: settings)
    }

    private func stored() async throws -> ForecastModelRecord? {
        try await backend.read { r throws(StorageError) in try r.forecastModels.find(ticker: "FC-USDT", market: "CRYPTO", timeframe: "1d") }
    }

    func testConcurrentRequestsFitOnceAndTheModelIsKept() async throws {
        let service = service()
        let models = try await withThrowingTaskGroup(of: ForecastModel.self) { group in
            for _ in 0..<6 { group.addTask { try await service.prediction(symbol: "FC/USDT", interval: .day1).model } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        XCTAssertEqual(service.fits, 1)
        XCTAssertEqual(Set(models.map(\.storedText)).count, 1, "every request got the one fit")
        XCTAssertEqual(models[0].candles, 200)
        XCTAssertEqual(models[0].dataEnd, 199 * Self.day)
        clock.advance(by: 3_600_000)
        _ = try await service.prediction(symbol: "FC-USDT", interval: .day1)
        XCTAssertEqual(service.fits, 1, "kept within the day")
        let record = try await stored()
        XCTAssertEqual(record?.dataEnd, 199 * Self.day)
        XCTAssertEqual(record?.candles, 200)
        XCTAssertEqual(record?.model, models[0].storedText)
    }

    func testANewCandleFitsAgainAndADayWithoutOneDoesNot() async throws {
        let service = service()
        let first = try await service.prediction(symbol: "FC-USDT", interval: .day1).model
        clock.advance(by: Self.day)
        let same = try await service.prediction(symbol: "FC-USDT", interval: .day1).model
        XCTAssertEqual(same, first, "no candle closed on day 200")
        XCTAssertEqual(service.fits, 1)
        try await store([130], from: 200)
        clock.advance(by: Self.day)
        let second = try await service.prediction(symbol: "FC-USDT", interval: .day1).model
        XCTAssertEqual(service.fits, 2)
        XCTAssertEqual(second.dataEnd, 200 * Self.day)
        XCTAssertEqual(second.candles, 201)
    }

    func testARestartReadsTheStoredModel() async throws {
        let first = try await service().prediction(symbol: "FC-USDT", interval: .day1).model
        let restarted = service()
        let read = try await restarted.prediction(symbol: "FC-USDT", interval: .day1).model
        XCTAssertEqual(read, first)
        XCTAssertEqual(restarted.fits, 0)
    }

    func testACorruptStoredModelIsReportedDeletedAndFittedAgain() async throws {
        _ = try await service().prediction(symbol: "FC-USDT", interval: .day1)
        let found = try await stored()
        var record = try XCTUnwrap(found)
        record = ForecastModelRecord(ticker: record.ticker, market: record.market, timeframe: record.timeframe, dataEnd: record.dataEnd,
                                     candles: record.candles, model: String(record.model.prefix(40)), trainedAt: record.trainedAt)
        try await backend.write { [record] r throws(StorageError) in try r.forecastModels.upsert(record) }
        let restarted = service()
        do {
            _ = try await restarted.prediction(symbol: "FC-USDT", interval: .day1)
            XCTFail("a corrupt model is not served")
        } catch {
            guard case .forecast(.corrupt) = error else { return XCTFail("\(error)") }
        }
        let afterFailure = try await stored()
        XCTAssertNil(afterFailure, "the corrupt row is gone")
        _ = try await restarted.prediction(symbol: "FC-USDT", interval: .day1)
        XCTAssertEqual(restarted.fits, 1, "the next request fits again")
        let replaced = try await stored()
        XCTAssertNotNil(replaced)
    }

    func testADivergingFitIsReportedAndTriedAgain() async throws {
        var settings = ForecastFixture.settings
        settings.lstm.learningRate = 1e12
        let service = service(settings)
        for _ in 0..<2 {
            do {
                _ = try await service.prediction(symbol: "FC-USDT", interval: .day1)
                XCTFail("a diverging LSTM gives no model")
            } catch {
                guard case .forecast(.untrainable) = error else { return XCTFail("\(error)") }
            }
        }
        XCTAssertEqual(service.fits, 2, "the failure was not kept: the second request fitted again")
        let none = try await stored()
        XCTAssertNil(none)
    }

    func testTooLittleHistoryAndUnknownSymbolsAreRefused() async throws {
        do {
            _ = try await service().prediction(symbol: "FC-USDT", interval: .hour4)
            XCTFail("no 4h candles")
        } catch {
            guard case .forecast(.tooLittleHistory(candles: 0, needed: 120)) = error else { return XCTFail("\(error)") }
        }
        do {
            _ = try await service().risk(symbol: "FC-USDT", window: 250)
            XCTFail("200 closes are not 251")
        } catch {
            guard case .forecast(.tooLittleHistory(candles: 200, needed: 251)) = error else { return XCTFail("\(error)") }
        }
        do {
            _ = try await service().risk(symbol: "NOPE", window: 20)
            XCTFail("unknown")
        } catch {
            guard case .unknownSymbol("NOPE") = error else { return XCTFail("\(error)") }
        }
    }

    func testRiskIsTheHistoricalRiskOfTheClosedDailyCandles() async throws {
        let closes = ForecastFixture.closes(count: 200, phi: 0.5, sigma: 0.01, seed: 21).map { (($0 * 100).rounded()) / 100 }
        let report = try await service().risk(symbol: "FC-USDT", window: 100)
        let expected = try XCTUnwrap(HistoricalRisk(closes: closes.enumerated().map { (time: $0.offset * Self.day, close: $0.element) }, window: 100))
        XCTAssertEqual(report.risk.valueAtRisk, expected.valueAtRisk, accuracy: 1e-12)
        XCTAssertEqual(report.risk.expectedShortfall, expected.expectedShortfall, accuracy: 1e-12)
        XCTAssertEqual(report.risk.volatility, expected.volatility, accuracy: 1e-12)
    }
}
