import Foundation
import XCTest
import Backends
import Primitives
@testable import Engine

/// The demo universe's history: real candles at their real dates, synthetic ones where
/// there are none, every timeframe rolled from the base, the same every time.
final class DemoHistoryTests: XCTestCase {
    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("sample-data").path
    /// 2026-01-28T12:00:00Z.
    static let firstStart = 1_769_601_600_000
    static let day = 86_400_000

    static func history(_ symbol: String) throws -> SymbolHistory {
        try DemoHistory.history(for: XCTUnwrap(SymbolUniverse.demo.resolve(symbol)), sampleFolder: folder, firstStart: firstStart)
    }

    func testEverySeriesIsOrderedOnItsBucketsConsistentAndRolledFromTheBase() throws {
        for spec in SymbolUniverse.demo.all {
            let history = try DemoHistory.history(for: spec, sampleFolder: Self.folder, firstStart: Self.firstStart)
            let base = try XCTUnwrap(history.series.keys.min())
            for (interval, bars) in history.series {
                let name = "\(spec.key) \(interval.rawValue)"
                XCTAssertFalse(bars.isEmpty, name)
                XCTAssertTrue(bars.allSatisfy { interval.bucketStart(of: $0.start) == $0.start }, name)
                XCTAssertTrue(zip(bars, bars.dropFirst()).allSatisfy { $0.start < $1.start }, name)
                XCTAssertTrue(bars.allSatisfy(\.isConsistent), name)
                XCTAssertEqual(BarAggregator.roll(history.series[base] ?? [], into: interval), bars, name)
            }
            XCTAssertEqual(Set(history.series.keys), Set(CandleInterval.allCases.filter { $0 >= base }), "\(spec.key): nothing finer than the base")
        }
    }

    func testTheSameInputsGiveTheSameHistory() throws {
        for spec in SymbolUniverse.demo.all {
            let first = try DemoHistory.history(for: spec, sampleFolder: Self.folder, firstStart: Self.firstStart)
            let second = try DemoHistory.history(for: spec, sampleFolder: Self.folder, firstStart: Self.firstStart)
            XCTAssertEqual(first, second, "\(spec.key)")
        }
    }

    func testBitcoinKeepsItsRealMonthsWithSyntheticDaysInside() throws {
        let history = try Self.history("BTC-USDT")
        let months = try XCTUnwrap(history.series[.month1])
        XCTAssertEqual(months.count, 156)
        XCTAssertEqual(months[0], Bar(start: 1_325_376_000_000, open: 458, high: 738, low: 380, close: 555, volume: 201_225_343_589),
                       "2012-01-31's row is January 2012, in cents and satoshis")
        XCTAssertEqual(history.synthetic, [.day1, .week1])
        let days = try XCTUnwrap(history.series[.day1])
        XCTAssertEqual(days.count, (months.last!.start - months[0].start) / Self.day + 31, "every day of every month, December 2024 included")
        XCTAssertEqual(history.replay, ReplaySource(interval: .day1, bars: days))
    }

    func testHourlyAndDailyFilesAreRealAtEveryCoarserTimeframe() throws {
        let euro = try Self.history("EUR-USD")
        XCTAssertEqual(euro.synthetic, [])
        XCTAssertEqual(Set(euro.series.keys), [.hour1, .hour4, .day1, .week1, .month1])
        XCTAssertEqual(euro.replay?.interval, .hour1)
        XCTAssertEqual(euro.replay?.bars.count, 5000)
        XCTAssertEqual(euro.series[.hour1]?.first, Bar(start: 1_492_592_400_000, open: 107_160, high: 107_220, low: 107_083,
                                                      close: 107_219, volume: 1413))
        let google = try Self.history("GOOG")
        XCTAssertEqual(Set(google.series.keys), [.day1, .week1, .month1])
        XCTAssertEqual(google.replay?.interval, .day1)
        XCTAssertEqual(google.replay?.bars.last?.close, 80_619)
    }

    func testSymbolsWithoutHistoryGetTwoSyntheticYearsEndingTheDayBeforeTheFirstStart() throws {
        for symbol in ["ETH-USDT", "005930", "000660", "035720"] {
            let history = try Self.history(symbol)
            let days = try XCTUnwrap(history.series[.day1])
            XCTAssertEqual(days.count, 730, symbol)
            XCTAssertEqual(days.last?.start, CandleInterval.day1.bucketStart(of: Self.firstStart) - Self.day, symbol)
            XCTAssertEqual(history.synthetic, [.day1, .week1, .month1], symbol)
            XCTAssertNil(history.replay, "the live feed of \(symbol) is synthetic")
            XCTAssertTrue(days.allSatisfy { $0.volume > 0 }, symbol)
        }
        let later = try DemoHistory.history(for: XCTUnwrap(SymbolUniverse.demo.resolve("ETH-USDT")), sampleFolder: Self.folder,
                                            firstStart: Self.firstStart + Self.day)
        XCTAssertEqual(later.series[.day1]?.last?.start, CandleInterval.day1.bucketStart(of: Self.firstStart))
    }

    func testBadSampleFilesNameTheFileAndLine() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bad-samples-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let cases: [(text: String, line: Int)] = [
            ("h\n2012-01-01,1,2,0.5,1,9\n2012-01-02,1,2,0.5,x,9\n", 3),
            ("h\n2012-01-02,1,2,0.5,1,9\n\n2012-01-01,1,2,0.5,1,9\n", 4),
            ("h\n2012-01-01,1,2,0.5,1,9\n2012-01-02,100000000000000000,100000000000000000,0.5,1,9\n", 3),
        ]
        for (index, sample) in cases.enumerated() {
            let file = "bad\(index).csv"
            try sample.text.write(to: folder.appendingPathComponent(file), atomically: true, encoding: .utf8)
            let spec = SymbolSpec(key: SymbolKey("X")!, name: "X", market: .us, prices: UnitScale(digits: 2),
                                  quantities: UnitScale(digits: 0), source: .sample(file: file, interval: .day1))
            XCTAssertThrowsError(try DemoHistory.history(for: spec, sampleFolder: folder.path, firstStart: Self.firstStart)) { error in
                guard case .badLine(let path, let line, _) = error as? HistoryError else { return XCTFail("\(error)") }
                XCTAssertEqual(path, folder.path + "/" + file)
                XCTAssertEqual(line, sample.line, sample.text)
            }
        }
        let missing = SymbolSpec(key: SymbolKey("Y")!, name: "Y", market: .us, prices: UnitScale(digits: 2),
                                 quantities: UnitScale(digits: 0), source: .sample(file: "none.csv", interval: .day1))
        XCTAssertThrowsError(try DemoHistory.history(for: missing, sampleFolder: folder.path, firstStart: Self.firstStart)) { error in
            XCTAssertEqual(error as? HistoryError, .missingFile(path: folder.path + "/none.csv"))
        }
    }

    func testBarsAndStoredCandlesConvertBothWays() throws {
        let bar = Bar(start: 1_000, open: 107_160, high: 107_220, low: 107_083, close: 107_219, volume: 141_300_000_001)
        let prices = UnitScale(digits: 5), quantities = UnitScale(digits: 8)
        let record = bar.record(prices: prices, quantities: quantities)
        XCTAssertEqual(record.high.description, "1.07220")
        XCTAssertEqual(record.volume.description, "1413.00000001")
        XCTAssertEqual(Bar(record, prices: prices, quantities: quantities), bar)
        XCTAssertNil(Bar(record, prices: prices, quantities: UnitScale(digits: 18)), "1413 at 18 digits does not fit 64 bits")
    }
}
