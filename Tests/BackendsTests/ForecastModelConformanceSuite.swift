import Foundation
import XCTest
@testable import Backends

/// The forecast model cache's storage contract: a model text comes back byte for byte, one
/// row per symbol and timeframe.
extension ConformanceSuite {
    static func forecastModel(_ ticker: String = "005930", _ market: String = "KR", timeframe: String = "1d",
                              model: String = #"{"kind": "lstm", "weights": [0.25, -1.5e-3]}"#, dataEnd: Int = latestDay,
                              candles: Int = 500, trainedAt: Int = now) -> ForecastModelRecord {
        ForecastModelRecord(ticker: ticker, market: market, timeframe: timeframe, dataEnd: dataEnd, candles: candles, model: model,
                            trainedAt: trainedAt)
    }

    func cachedForecastModel(_ ticker: String, _ market: String, _ timeframe: String) async throws -> ForecastModelRecord? {
        try await backend.read { r throws(StorageError) in try r.forecastModels.find(ticker: ticker, market: market, timeframe: timeframe) }
    }

    /// The cached models, as "market ticker timeframe", sorted.
    func cachedForecastModelKeys() async throws -> [String] {
        try await backend.read { r throws(StorageError) in
            try r.connection.query("SELECT ticker, market, timeframe FROM forecast_models").map { row throws(StorageError) in
                "\(try row.string("market")) \(try row.string("ticker")) \(try row.string("timeframe"))"
            }
        }.sorted()
    }

    func forecastModelsComeBackByteForByte() async throws {
        let models = [
            // JSON with spacing and key order a JSON column would normalise.
            Self.forecastModel(timeframe: "1d", model: "{\"z\": 1,   \"a\": [1.0, 2.50]}\n"),
            // A truncated entry, as a crash mid-write or a corrupt cache leaves it.
            Self.forecastModel(timeframe: "1h", model: #"{"kind": "ensemble", "weights": [0.1, "#),
            // Not JSON at all, with quotes, backslashes, tabs, CR LF and surrounding blanks.
            Self.forecastModel(timeframe: "4h", model: "  not json: 'x' \"y\" \\ \t\r\nend  "),
            // Non-ASCII: Hangul, a decomposed é (Swift compares it equal to the composed one,
            // so bytes are compared below), an emoji and the replacement character.
            Self.forecastModel(timeframe: "1w", model: "{\"name\": \"삼성전자\", \"note\": \"e\u{301}t\u{E9} 📈 \u{FFFD}\"}"),
            // Large, like a serialised network.
            Self.forecastModel(timeframe: "1m", model: "[" + (0..<60_000).map { "\(Double($0) / 7)" }.joined(separator: ",") + "]"),
            Self.forecastModel(timeframe: "5m", model: ""),
        ]
        try await backend.write { r throws(StorageError) in
            for model in models { try r.forecastModels.upsert(model) }
        }
        for model in models {
            let stored = try await cachedForecastModel(model.ticker, model.market, model.timeframe)
            XCTAssertEqual(stored, model, model.timeframe)
            XCTAssertEqual(stored.map { Array($0.model.utf8) }, Array(model.model.utf8), "the bytes of \(model.timeframe)")
        }
    }

    func forecastModelsAreReplacedPerSymbolAndTimeframe() async throws {
        let absent = try await cachedForecastModel("005930", "KR", "1d")
        XCTAssertNil(absent, "nothing cached yet")
        try await backend.write { r throws(StorageError) in
            try r.forecastModels.upsert(Self.forecastModel(model: "first"))
            try r.forecastModels.upsert(Self.forecastModel(timeframe: "1h", model: "hourly"))
        }
        let retrained = Self.forecastModel(model: "second", dataEnd: Self.latestDay + Self.day, candles: 501, trainedAt: Self.now + 60_000)
        try await backend.write { r throws(StorageError) in try r.forecastModels.upsert(retrained) }
        let stored = try await cachedForecastModel("005930", "KR", "1d")
        XCTAssertEqual(stored, retrained, "every field of the row is replaced")
        let hourly = try await cachedForecastModel("005930", "KR", "1h")
        XCTAssertEqual(hourly?.model, "hourly", "another timeframe is another model")
        let keys = try await cachedForecastModelKeys()
        XCTAssertEqual(keys, ["KR 005930 1d", "KR 005930 1h"])
        let otherTimeframe = try await cachedForecastModel("005930", "KR", "4h")
        XCTAssertNil(otherTimeframe)
    }

    func forecastModelsOfTheSameTickerInTwoMarketsAreKeptApart() async throws {
        try await backend.write { r throws(StorageError) in
            try r.forecastModels.upsert(Self.forecastModel("005930", "KR", model: "kr"))
            try r.forecastModels.upsert(Self.forecastModel("005930", "US", model: "us"))
        }
        let kr = try await cachedForecastModel("005930", "KR", "1d")
        let us = try await cachedForecastModel("005930", "US", "1d")
        XCTAssertEqual(kr?.model, "kr")
        XCTAssertEqual(us?.model, "us")
        let deleted = try await backend.write { r throws(StorageError) in try r.forecastModels.deleteAll(ticker: "005930", market: "KR") }
        XCTAssertEqual(deleted, 1)
        let keys = try await cachedForecastModelKeys()
        XCTAssertEqual(keys, ["US 005930 1d"])
    }

    func forecastModelDeletesReportWhatWent() async throws {
        try await backend.write { r throws(StorageError) in
            for timeframe in ["1d", "1h", "15m"] { try r.forecastModels.upsert(Self.forecastModel(timeframe: timeframe)) }
            try r.forecastModels.upsert(Self.forecastModel("000660", timeframe: "1d"))
        }
        let deleted = try await backend.write { r throws(StorageError) in
            [try r.forecastModels.delete(ticker: "005930", market: "KR", timeframe: "1h"),
             try r.forecastModels.delete(ticker: "005930", market: "KR", timeframe: "1h"),
             try r.forecastModels.delete(ticker: "005930", market: "US", timeframe: "1d")]
        }
        XCTAssertEqual(deleted, [true, false, false], "a row goes once; an absent key deletes nothing")
        let remaining = try await cachedForecastModelKeys()
        XCTAssertEqual(remaining, ["KR 000660 1d", "KR 005930 15m", "KR 005930 1d"])
        let all = try await backend.write { r throws(StorageError) in
            [try r.forecastModels.deleteAll(ticker: "005930", market: "KR"), try r.forecastModels.deleteAll(ticker: "005930", market: "KR")]
        }
        XCTAssertEqual(all, [2, 0], "every timeframe of the symbol, then none")
        let left = try await cachedForecastModelKeys()
        XCTAssertEqual(left, ["KR 000660 1d"], "another symbol keeps its model")
    }

    /// PostgreSQL's TEXT cannot hold NUL (and libpq would cut the text there), so neither
    /// backend stores one rather than read back something else than was written.
    func aForecastModelHoldingNULIsRefusedOnBothBackends() async throws {
        try await backend.write { r throws(StorageError) in try r.forecastModels.upsert(Self.forecastModel(model: "kept")) }
        await assertWriteRefusedWith("a model holding NUL", { if case .constraintViolation = $0 { true } else { false } }) { r throws(StorageError) in
            try r.forecastModels.upsert(Self.forecastModel(model: "{\"w\": [1,\u{0}2]}"))
        }
        let stored = try await cachedForecastModel("005930", "KR", "1d")
        XCTAssertEqual(stored?.model, "kept", "the cached model is left as it was")
    }
}

/// The forecast model conformance suite on SQLite.
final class SQLiteForecastModelConformanceTests: SQLiteBackendTestCase {
    func testForecastModelsComeBackByteForByte() async throws { try await suite.forecastModelsComeBackByteForByte() }
    func testForecastModelsAreReplacedPerSymbolAndTimeframe() async throws { try await suite.forecastModelsAreReplacedPerSymbolAndTimeframe() }
    func testForecastModelsOfTheSameTickerInTwoMarketsAreKeptApart() async throws {
        try await suite.forecastModelsOfTheSameTickerInTwoMarketsAreKeptApart()
    }
    func testForecastModelDeletesReportWhatWent() async throws { try await suite.forecastModelDeletesReportWhatWent() }
    func testAForecastModelHoldingNULIsRefusedOnBothBackends() async throws { try await suite.aForecastModelHoldingNULIsRefusedOnBothBackends() }
}

/// The forecast model conformance suite on PostgreSQL.
final class PostgresForecastModelConformanceTests: PostgresBackendTestCase {
    func testForecastModelsComeBackByteForByte() async throws { try await suite.forecastModelsComeBackByteForByte() }
    func testForecastModelsAreReplacedPerSymbolAndTimeframe() async throws { try await suite.forecastModelsAreReplacedPerSymbolAndTimeframe() }
    func testForecastModelsOfTheSameTickerInTwoMarketsAreKeptApart() async throws {
        try await suite.forecastModelsOfTheSameTickerInTwoMarketsAreKeptApart()
    }
    func testForecastModelDeletesReportWhatWent() async throws { try await suite.forecastModelDeletesReportWhatWent() }
    func testAForecastModelHoldingNULIsRefusedOnBothBackends() async throws { try await suite.aForecastModelHoldingNULIsRefusedOnBothBackends() }
}
