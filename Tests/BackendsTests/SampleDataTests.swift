import Foundation
import XCTest
@testable import Backends
import Primitives

/// The shipped sample candles: parsing and the once-per-database load.
final class SampleDataTests: XCTestCase {
    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("sample-data").path

    func testDatesAndDecimalsAreReadExactly() throws {
        let candles = try CandleCSV.parse(",Open,High,Low,Close,Volume\n2012-01-31,4.58,7.38,3.8,5.55,2012.25343589\n"
                                          + "2017-04-19 09:00:00,1.0716,1.0722,1.07083,1.07219,1413\r\n")
        XCTAssertEqual(candles.count, 2)
        XCTAssertEqual(candles[0].timestamp, 1_327_968_000_000)
        XCTAssertEqual(candles[0].volume.description, "2012.25343589")
        XCTAssertEqual(candles[1].timestamp, 1_492_592_400_000)
        XCTAssertEqual(candles[1].low.description, "1.07083")
    }

    func testBadLinesAreReportedWithTheirNumber() {
        for (text, line) in [("h\n2012-01-31,1,2,0.5,1", 2), ("h\n2012-13-01,1,2,0.5,1,9", 2), ("h\n\n2012-01-01,1,2,0.5,x,9", 3),
                             ("h\n2012-01-01,3,2,0.5,1,9", 2), ("h\n2012-01-01,-1,2,0.5,1,9", 2)] {
            XCTAssertThrowsError(try CandleCSV.parse(text)) { error in
                XCTAssertEqual((error as? CandleCSV.LineError)?.line, line, text)
            }
        }
    }

    func testEverySampleFileParses() throws {
        for (series, rows) in zip(CandleImporter.sampleSeries, [156, 5000, 2148]) {
            let text = try String(contentsOfFile: Self.folder + "/" + series.file, encoding: .utf8)
            XCTAssertEqual(try CandleCSV.parse(text).count, rows, series.file)
        }
    }

    func testSampleDataLoadsOncePerDatabase() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sample-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let backend = try await Backend.open("sqlite:" + directory.appendingPathComponent("t.db").path)
        defer { backend.database.close() }
        let importer = CandleImporter(backend: backend)
        let read: (String) -> String? = { try? String(contentsOfFile: $0, encoding: .utf8) }
        let first = try await importer.loadSampleDataIfNeeded(folder: Self.folder, readFile: read)
        XCTAssertEqual(first.map(\.ticker), ["BTC-USD", "EUR-USD", "GOOG"])
        let second = try await importer.loadSampleDataIfNeeded(folder: Self.folder, readFile: read)
        XCTAssertEqual(second, [], "a second start loads nothing")
        let series = try await backend.read { r throws(StorageError) in try r.candles.series() }
        XCTAssertEqual(series.map(\.count), [156, 5000, 2148])
        let last = try await backend.read { r throws(StorageError) in
            try r.candles.candles(ticker: "GOOG", market: "US", timeframe: "1d", limit: 1, newest: true)
        }
        XCTAssertEqual(last.first?.close.description, "806.19")
        let symbols = try await backend.read { r throws(StorageError) in try r.symbols.list(market: nil, activeOnly: true) }
        XCTAssertEqual(symbols.map(\.ticker).sorted(), ["BTC-USD", "EUR-USD", "GOOG"])
        XCTAssertEqual(symbols.first { $0.ticker == "GOOG" }?.exchange, "NASDAQ")
        let orphans = try await backend.write { r throws(StorageError) in try r.symbolMaintenance.cleanupOrphanSymbolData() }
        XCTAssertEqual(orphans, [], "sample candles belong to known symbols, so a cleanup keeps them")
    }

    func testImportedCandlesOfANewSymbolRegisterIt() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("import-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let backend = try await Backend.open("sqlite:" + directory.appendingPathComponent("t.db").path)
        defer { backend.database.close() }
        let candle = CandleRecord(timestamp: 0, open: ExactDecimal("1")!, high: ExactDecimal("2")!, low: ExactDecimal("0.5")!,
                                  close: ExactDecimal("1.5")!, volume: ExactDecimal("10")!)
        try await CandleImporter(backend: backend).load([candle], ticker: "005930", market: "KR", timeframe: "1d")
        let symbol = try await backend.read { r throws(StorageError) in try r.symbols.find(ticker: "005930", market: "KR") }
        XCTAssertEqual(symbol?.name, "005930")
        XCTAssertEqual(symbol?.isActive, true)
    }
}
