import Backends
import Foundation
import Primitives
import XCTest
@testable import Engine

/// Symbols imported into the database join the market, replaying their own candles.
final class ImportedSymbolsTests: XCTestCase {
    func testAnImportedSymbolJoinsAndReplaysOnlyItsHistory() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("imported-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let backend = try await Backend.open("sqlite:" + directory.appendingPathComponent("i.db").path)
        defer { backend.database.close() }
        let day = 86_400_000
        let history = (0..<5).map { index in
            CandleRecord(timestamp: index * day, open: ExactDecimal("10.25")!, high: ExactDecimal("11.5")!, low: ExactDecimal("9.75")!,
                         close: ExactDecimal("10.5")!, volume: ExactDecimal("1200")!)
        }
        try await CandleImporter(backend: backend).load(history, ticker: "AAPL", market: "US", timeframe: "1d")
        let start = 10 * day
        let specs = try await ImportedSymbols.discover(backend: backend, known: .demo, now: start)
        XCTAssertEqual(specs.map(\.key.marketForm), ["AAPL"])
        XCTAssertEqual(specs.first?.source, .imported(interval: .day1, liveStart: start))
        XCTAssertEqual(specs.first?.prices.digits, 2)
        XCTAssertEqual(specs.first?.quantities.digits, 0)
        // A live candle stored later is not history: a restart replays the five imported ones.
        try await backend.write { r throws(StorageError) in
            try r.candles.replace(ticker: "AAPL", market: "US", timeframe: "1d", candles: [
                CandleRecord(timestamp: start, open: ExactDecimal("10.5")!, high: ExactDecimal("10.5")!, low: ExactDecimal("10.5")!,
                             close: ExactDecimal("10.5")!, volume: ExactDecimal("1")!),
            ], at: start)
        }
        let again = try await ImportedSymbols.discover(backend: backend, known: .demo, now: start + 5 * day)
        XCTAssertEqual(again.first?.source, .imported(interval: .day1, liveStart: start), "registered once")
        let replay = try await ImportedSymbols.replay(again[0], backend: backend)
        XCTAssertEqual(replay?.bars.map(\.start), history.map(\.timestamp))
        XCTAssertEqual(replay?.bars.first?.high, 1150)
        // The demo symbols are never taken for imported ones.
        var universe = SymbolUniverse.demo
        for spec in again { universe.add(spec) }
        let starts = try await MarketStartup.starts(universe: universe, backend: backend, now: start + 5 * day) { _ in nil }
        XCTAssertEqual(starts.first { $0.spec.key.marketForm == "AAPL" }?.price, 1050, "the newest stored close")
        XCTAssertEqual(starts.first { $0.spec.key.marketForm == "AAPL" }?.replay?.bars.count, 5)
    }
}
