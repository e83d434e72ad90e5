import Foundation
import XCTest
@testable import Backends
import Primitives

/// The shipped sample candles and the CSV reader (the demo history load is `HistoryLoaderTests`).
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
        for (file, rows) in [("BTCUSD.csv", 156), ("EURUSD.csv", 5000), ("GOOG.csv", 2148)] {
            let text = try String(contentsOfFile: Self.folder + "/" + file, encoding: .utf8)
            XCTAssertEqual(try CandleCSV.parse(text).count, rows, file)
        }
    }

    func testNumberedCandlesKeepTheirLines() throws {
        let rows = try CandleCSV.parseNumbered("h\n2012-01-31,1,2,0.5,1,9\n\n2012-02-29,1,2,0.5,1,9\n")
        XCTAssertEqual(rows.map(\.line), [2, 4])
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
