import Backends
@testable import Engine
import Foundation
import Primitives
import XCTest

/// The CSV folder provider: the sample data as shipped, and folders an operator writes, good
/// and bad.
final class CSVFolderProviderTests: XCTestCase {
    static let sampleFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../../sample-data").standardized.path
    private var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("provider-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    private func write(_ name: String, _ text: String) throws {
        try text.write(to: directory.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }

    private var provider: CSVFolderProvider { CSVFolderProvider(folder: directory.path) }

    private func assertBadAnswer(_ request: CandleRequest? = nil, containing reason: String, line: UInt = #line) async {
        do {
            if let request { _ = try await provider.candles(request) } else { _ = try await provider.symbols(market: nil) }
            XCTFail("accepted", line: line)
        } catch {
            guard case .badAnswer(let text) = error else { return XCTFail("\(error)", line: line) }
            XCTAssertTrue(text.contains(reason), text, line: line)
        }
    }

    func testTheSampleDataListsTheDemoUniverseAndServesItsSeries() async throws {
        let sample = CSVFolderProvider(folder: Self.sampleFolder)
        let listed = try await sample.symbols(market: nil)
        XCTAssertEqual(Set(listed.map(\.ticker)), Set(SymbolUniverse.demo.all.map(\.key.marketForm)))
        for spec in SymbolUniverse.demo.all {
            XCTAssertEqual(listed.first { $0.ticker == spec.key.marketForm }?.market, spec.market)
            XCTAssertEqual(listed.first { $0.ticker == spec.key.marketForm }?.name, spec.name, "a sync keeps the demo names")
        }
        let us = try await sample.symbols(market: .us)
        XCTAssertEqual(us, [ProviderSymbol(ticker: "GOOG", market: .us, name: "Alphabet Inc. Class C", exchange: "NASDAQ",
                                           sector: "Communication Services")])
        let goog = try await sample.candles(CandleRequest(ticker: "GOOG", market: .us, interval: .day1))
        XCTAssertEqual(goog.count, 2148)
        let btc = try await sample.candles(CandleRequest(ticker: "BTC-USDT", market: .crypto, interval: .month1))
        XCTAssertEqual(btc.count, 156)
        XCTAssertEqual(Timestamp.iso8601(epochMilliseconds: btc[0].timestamp), "2012-01-01T00:00:00Z",
                       "a monthly row dated at the month's end is that month's candle")
        let january2005 = try await sample.candles(CandleRequest(
            ticker: "GOOG", market: .us, interval: .day1, start: Timestamp.epochMilliseconds(iso8601: "2005-01-01T00:00:00Z"),
            end: Timestamp.epochMilliseconds(iso8601: "2005-01-31T00:00:00Z")))
        XCTAssertEqual(january2005.count, 20, "the trading days of January 2005")
        do {
            _ = try await sample.candles(CandleRequest(ticker: "ETH-USDT", market: .crypto, interval: .day1))
            XCTFail("ETH has no file")
        } catch {
            XCTAssertEqual(error, .noSeries("ETH-USDT CRYPTO 1d"))
            XCTAssertFalse(error.isUnavailable)
        }
    }

    func testAnOperatorsFolderIsReadAsWritten() async throws {
        try write("symbols.csv", """
            market,ticker,timeframe,file,name,sector
            KR,005930,1d,kr/005930.csv,"Samsung Electronics, common",반도체
            KR,005930,,,,
            us,AAPL,,,,
            """)
        await assertBadAnswer(containing: "unknown market 'us'")
        try write("symbols.csv", """
            market,ticker,timeframe,file,name,sector
            KR,005930,1d,kr/005930.csv,"Samsung Electronics, common",반도체
            KR,005930,1w,weekly.csv,,
            US,btc/usdt,,,,
            """)
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("kr"), withIntermediateDirectories: true)
        try write("kr/005930.csv", "date,open,high,low,close,volume\n2026-01-27,100,110,90,105,1000\n2026-01-28,105,106,100,101,2000\n")
        let listed = try await provider.symbols(market: nil)
        XCTAssertEqual(listed, [ProviderSymbol(ticker: "005930", market: .kr, name: "Samsung Electronics, common", sector: "반도체"),
                                ProviderSymbol(ticker: "BTC-USDT", market: .us, name: "BTC-USDT")])
        let candles = try await provider.candles(CandleRequest(ticker: "005930", market: .kr, interval: .day1))
        XCTAssertEqual(candles.map(\.close), [ExactDecimal("105"), ExactDecimal("101")])
        do {
            _ = try await provider.candles(CandleRequest(ticker: "005930", market: .kr, interval: .week1))
            XCTFail("the weekly file is missing")
        } catch {
            XCTAssertEqual(error, .unreachable("cannot read weekly.csv in the provider folder"))
        }
        do {
            _ = try await provider.candles(CandleRequest(ticker: "005930", market: .kr, interval: .day1,
                                                         start: Timestamp.epochMilliseconds(iso8601: "2026-02-01T00:00:00Z")))
            XCTFail("no candle in range")
        } catch {
            XCTAssertEqual(error, .noData("005930 KR 1d"))
        }
    }

    func testBrokenFoldersAreProviderErrors() async throws {
        do {
            _ = try await provider.symbols(market: nil)
            XCTFail("no symbols.csv")
        } catch {
            XCTAssertEqual(error, .unreachable("cannot read symbols.csv in the provider folder"))
            XCTAssertTrue(error.isUnavailable)
        }
        try write("symbols.csv", "ticker,market,timeframe,file\n005930,KR,2d,a.csv\n")
        await assertBadAnswer(containing: "unknown timeframe '2d'")
        try write("symbols.csv", "ticker,market,timeframe,file\n005930,KR,1d,../outside.csv\n")
        await assertBadAnswer(containing: "outside the folder")
        try write("symbols.csv", "ticker,market,timeframe,file\n005930,KR,1d,\n")
        await assertBadAnswer(containing: "timeframe and file go together")
        try write("symbols.csv", "ticker,market,price\n005930,KR,1\n")
        await assertBadAnswer(containing: "unknown column")
        try write("symbols.csv", "ticker,market\n%%%,KR\n")
        await assertBadAnswer(containing: "is not a ticker")
        try write("symbols.csv", "ticker,market,timeframe,file\n005930,KR,1d,a.csv\n")
        let request = CandleRequest(ticker: "005930", market: .kr, interval: .day1)
        try write("a.csv", "date,open,high,low,close,volume\n2026-01-27,100,90,95,105,1000\n")
        await assertBadAnswer(request, containing: "line 2: low/high do not bound open/close")
        try write("a.csv", "date,open,high,low,close,volume\n2026-01-27,100,110,90,105\n")
        await assertBadAnswer(request, containing: "expected 6 fields")
        try write("a.csv", "date,open,high,low,close,volume\n2026-01-27 10:00,100,110,90,105,1\n2026-01-27 11:00,100,110,90,105,1\n")
        await assertBadAnswer(request, containing: "two candles in the 1d interval")
    }
}
