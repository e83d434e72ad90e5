import Backends
import Foundation
import Primitives
import XCTest
@testable import Engine

/// An instance without the engine reads the market from the candles the engine stored.
final class MarketMirrorTests: XCTestCase {
    func testTheMirrorPublishesTheNewestStoredCandles() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("mirror-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let backend = try await Backend.open("sqlite:" + directory.appendingPathComponent("m.db").path)
        defer { backend.database.close() }
        let spec = SymbolUniverse.demo.resolve("GOOG")!
        let now = MarketCoreTests.t0
        let hour = CandleInterval.hour1.bucketStart(of: now)
        let minute = CandleInterval.minute1.bucketStart(of: now)
        @Sendable func record(_ start: Int, _ open: String, _ high: String, _ low: String, _ close: String, _ volume: String) -> CandleRecord {
            CandleRecord(timestamp: start, open: ExactDecimal(open)!, high: ExactDecimal(high)!, low: ExactDecimal(low)!,
                         close: ExactDecimal(close)!, volume: ExactDecimal(volume)!)
        }
        try await backend.write { r throws(StorageError) in
            try r.candles.replace(ticker: "GOOG", market: "US", timeframe: "1h", candles: [
                record(hour - 3_600_000, "100.00", "104.00", "99.00", "103.00", "10"),
                record(hour, "103.00", "106.50", "101.00", "105.00", "5"),
            ], at: now)
            try r.candles.replace(ticker: "GOOG", market: "US", timeframe: "1m", candles: [
                record(minute, "104.50", "105.20", "104.40", "105.10", "1"),
            ], at: now)
        }
        let sink = RecordingSink()
        let mirror = MarketMirror(backend: backend, symbols: [spec], book: BookShape(), clock: ManualClock(now), sink: sink)
        try await mirror.refresh()
        let goog = try XCTUnwrap(mirror.snapshot.symbols[spec.key])
        XCTAssertEqual(goog.price, 10_510, "the newest candle's close: the 1m one")
        XCTAssertEqual(goog.high24h, 10_650)
        XCTAssertEqual(goog.low24h, 9_900)
        XCTAssertEqual(goog.volume24h, 15)
        XCTAssertEqual(goog.change24h.description, "5.10", "105.10 against the day's first open 100.00")
        XCTAssertTrue(goog.book.isWellFormed)
        XCTAssertEqual(goog.recent[.hour1]?.map(\.start), [hour - 3_600_000, hour])
        XCTAssertEqual(sink.counts.withLock { $0 }["ticker"], 1)
        try await mirror.refresh()
        XCTAssertEqual(sink.counts.withLock { $0 }["ticker"], 1, "nothing moved, nothing sent")
    }
}
