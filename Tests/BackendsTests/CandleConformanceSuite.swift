import Foundation
import XCTest
@testable import Backends
import Primitives

/// Candle series beyond bulk replacement: their source marker, the engine's live upserts
/// (the forming candle rewritten in place) and the exact summary kept without recounting.
extension ConformanceSuite {
    static func candle(_ minute: Int, close: String = "100.5", volume: String = "1") -> CandleRecord {
        CandleRecord(timestamp: now + minute * 60_000, open: decimal("100"), high: decimal("101.25"), low: decimal("99.75"),
                     close: decimal(close), volume: decimal(volume))
    }

    static func live(_ ticker: String, _ timeframe: String, _ candle: CandleRecord) -> SeriesCandle {
        SeriesCandle(ticker: ticker, market: "CRYPTO", timeframe: timeframe, candle: candle)
    }

    /// The summary as a full scan of the series computes it.
    func scannedSummary(_ ticker: String, _ timeframe: String) async throws -> [Int] {
        try await backend.read { r throws(StorageError) in
            let row = try r.connection.query(
                "SELECT MIN(ts) AS a, MAX(ts) AS b, COUNT(*) AS n FROM ohlcv WHERE series_id = "
                    + "(SELECT id FROM ohlcv_series WHERE ticker = $1 AND market = 'CRYPTO' AND timeframe = $2)",
                ticker, timeframe).first
            return [try row?.int("a") ?? -1, try row?.int("b") ?? -1, try row?.int("n") ?? -1]
        }
    }

    func storedSummary(_ ticker: String, _ timeframe: String) async throws -> CandleSeriesInfo? {
        try await backend.read { r throws(StorageError) in try r.candles.series() }
            .first { $0.ticker == ticker && $0.timeframe == timeframe }
    }

    func replacedSeriesKeepTheirSource() async throws {
        try await backend.write { r throws(StorageError) in
            try r.candles.replace(ticker: "ETH-USDT", market: "CRYPTO", timeframe: "1d", candles: [Self.candle(0)], at: Self.now,
                                  source: CandleSource.synthetic)
            try r.candles.replace(ticker: "BTC-USDT", market: "CRYPTO", timeframe: "1d", candles: [Self.candle(0)], at: Self.now)
        }
        let sources = try await backend.read { r throws(StorageError) in try r.candles.series().map { "\($0.ticker) \($0.source)" } }
        XCTAssertEqual(sources, ["BTC-USDT real", "ETH-USDT synthetic"])
    }

    func repeatedUpsertsOfTheFormingCandleKeepOneRow() async throws {
        for (index, close) in ["100.5", "100.75", "100.6"].enumerated() {
            try await backend.write { r throws(StorageError) in
                try r.candles.upsert([Self.live("BTC-USDT", "1m", Self.candle(0, close: close, volume: "\(index + 1)"))], at: Self.now + index)
            }
        }
        let info = try await storedSummary("BTC-USDT", "1m")
        XCTAssertEqual(info, CandleSeriesInfo(ticker: "BTC-USDT", market: "CRYPTO", timeframe: "1m", firstTimestamp: Self.now,
                                              lastTimestamp: Self.now, count: 1, source: CandleSource.live))
        let latest = try await backend.read { r throws(StorageError) in
            try r.candles.latest(ticker: "BTC-USDT", market: "CRYPTO", timeframe: "1m")
        }
        XCTAssertEqual(latest, Self.candle(0, close: "100.6", volume: "3"), "the last write wins")
        let none = try await backend.read { r throws(StorageError) in try r.candles.latest(ticker: "NONE", market: "CRYPTO", timeframe: "1m") }
        XCTAssertNil(none)
    }

    func mixedBatchesKeepTheSummaryExact() async throws {
        // Real history first: live candles continuing it keep the series' source.
        try await backend.write { r throws(StorageError) in
            try r.candles.replace(ticker: "BTC-USDT", market: "CRYPTO", timeframe: "1m", candles: (0..<5).map { Self.candle($0) }, at: Self.now)
        }
        // One batch: two existing candles rewritten, three new ones (one written twice), one
        // older than the series, and a second series that did not exist.
        let batch = [
            Self.live("BTC-USDT", "1m", Self.candle(3, close: "101")), Self.live("BTC-USDT", "1m", Self.candle(4, close: "101")),
            Self.live("BTC-USDT", "1m", Self.candle(5)), Self.live("BTC-USDT", "5m", Self.candle(0)),
            Self.live("BTC-USDT", "1m", Self.candle(6)), Self.live("BTC-USDT", "1m", Self.candle(6, close: "101.25")),
            Self.live("BTC-USDT", "1m", Self.candle(-10)), Self.live("BTC-USDT", "1m", Self.candle(7)),
        ]
        try await backend.write { r throws(StorageError) in try r.candles.upsert(batch, at: Self.now + 1) }
        for timeframe in ["1m", "5m"] {
            let info = try await storedSummary("BTC-USDT", timeframe)
            let scanned = try await scannedSummary("BTC-USDT", timeframe)
            XCTAssertEqual(info.map { [$0.firstTimestamp, $0.lastTimestamp, $0.count] }, scanned, timeframe)
        }
        let info = try await storedSummary("BTC-USDT", "1m")
        XCTAssertEqual(info?.count, 9)
        XCTAssertEqual(info?.source, CandleSource.real)
        let fiveMinutes = try await storedSummary("BTC-USDT", "5m")
        XCTAssertEqual(fiveMinutes?.source, CandleSource.live)
        let stored = try await backend.read { r throws(StorageError) in
            try r.candles.candles(ticker: "BTC-USDT", market: "CRYPTO", timeframe: "1m", from: Self.now + 3 * 60_000)
        }
        XCTAssertEqual(stored.map(\.close.description), ["101", "101", "100.5", "101.25", "100.5"])
        // A batch larger than one statement carries.
        let many = (100..<350).map { Self.live("BTC-USDT", "1m", Self.candle($0)) }
        try await backend.write { r throws(StorageError) in try r.candles.upsert(many + many.prefix(120), at: Self.now + 2) }
        let after = try await storedSummary("BTC-USDT", "1m")
        let scanned = try await scannedSummary("BTC-USDT", "1m")
        XCTAssertEqual(after.map { [$0.firstTimestamp, $0.lastTimestamp, $0.count] }, scanned)
        XCTAssertEqual(after?.count, 259)
    }

    /// A bulk replacement stores every decimal exactly as written (scale kept, signs, zero,
    /// values past 64 bits) whether the rows travel in whole multi-row statements or in the
    /// rows left over: 600 candles are two statements of 256 rows and 88 more on SQLite.
    func bulkReplacementKeepsEveryDecimalAsWritten() async throws {
        let forms = ["0", "0.05", "-12.30", "65000.10", "1.000000000000000001", "-0.000000000000000001",
                     "123456789012345678901234567.5", "-99999999999999999999", "18446744073709551615",
                     "18446744073709551616.25", "7"]
        let candles = (0..<600).map { index in
            CandleRecord(timestamp: Self.now + index * 60_000, open: Self.decimal(forms[index % forms.count]),
                         high: Self.decimal(forms[(index + 1) % forms.count]), low: Self.decimal(forms[(index + 2) % forms.count]),
                         close: Self.decimal(forms[(index + 3) % forms.count]), volume: Self.decimal(forms[(index + 4) % forms.count]))
        }
        try await backend.write { r throws(StorageError) in
            try r.candles.replace(ticker: "DEC-TEST", market: "CRYPTO", timeframe: "1m", candles: candles, at: Self.now)
        }
        let stored = try await backend.read { r throws(StorageError) in
            try r.candles.candles(ticker: "DEC-TEST", market: "CRYPTO", timeframe: "1m", limit: 1000)
        }
        let text = { (candle: CandleRecord) in
            "\(candle.timestamp) \(candle.open) \(candle.high) \(candle.low) \(candle.close) \(candle.volume)"
        }
        XCTAssertEqual(stored.map(text), candles.map(text))
        let summary = try await storedSummary("DEC-TEST", "1m")
        XCTAssertEqual(summary?.count, 600)
    }
}

/// The candle conformance suite on SQLite.
final class SQLiteCandleConformanceTests: SQLiteBackendTestCase {
    func testReplacedSeriesKeepTheirSource() async throws { try await suite.replacedSeriesKeepTheirSource() }
    func testRepeatedUpsertsOfTheFormingCandleKeepOneRow() async throws { try await suite.repeatedUpsertsOfTheFormingCandleKeepOneRow() }
    func testMixedBatchesKeepTheSummaryExact() async throws { try await suite.mixedBatchesKeepTheSummaryExact() }
    func testBulkReplacementKeepsEveryDecimalAsWritten() async throws { try await suite.bulkReplacementKeepsEveryDecimalAsWritten() }
}

/// The candle conformance suite on PostgreSQL.
final class PostgresCandleConformanceTests: PostgresBackendTestCase {
    func testReplacedSeriesKeepTheirSource() async throws { try await suite.replacedSeriesKeepTheirSource() }
    func testRepeatedUpsertsOfTheFormingCandleKeepOneRow() async throws { try await suite.repeatedUpsertsOfTheFormingCandleKeepOneRow() }
    func testMixedBatchesKeepTheSummaryExact() async throws { try await suite.mixedBatchesKeepTheSummaryExact() }
    func testBulkReplacementKeepsEveryDecimalAsWritten() async throws { try await suite.bulkReplacementKeepsEveryDecimalAsWritten() }
}
