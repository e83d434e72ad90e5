import XCTest
@testable import Backends
import Primitives

/// The fundamentals file reader (`trading-server import-fundamentals`): what a good file
/// gives, and that every fault names its line and column.
final class FundamentalCSVTests: XCTestCase {
    static let markets: Set<String> = ["KR", "US", "CRYPTO", "FX"]
    static let header = FundamentalCSV.columns.joined(separator: ",")

    private func parse(_ text: String) throws(FundamentalCSV.LineError) -> [FundamentalRecord] {
        try FundamentalCSV.parse(text, markets: Self.markets, at: 42)
    }

    /// The error `text` gives, as its message.
    private func fault(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> String? {
        do {
            let records = try parse(text)
            XCTFail("accepted: \(records)", file: file, line: line)
            return nil
        } catch {
            return error.description
        }
    }

    func testEveryDocumentedColumnIsRead() throws {
        let records = try parse(Self.header + "\n"
                                + "005930,KR,13.5,1.2,1.6,9,6.5,10.5,8.5,12,-25.5,2,27,430000000000000.25,Information Technology\r\n"
                                + "GOOG,US,24,6.8,6,30,20,32,27,14,30,0.5,10,2100000000000,\"Communication Services, Media\"\n")
        XCTAssertEqual(records, [
            FundamentalRecord(ticker: "005930", market: "KR", per: 13.5, pbr: 1.2, psr: 1.6, roe: 9, roa: 6.5, operatingMargin: 10.5,
                              netMargin: 8.5, revenueGrowth: 12, earningsGrowth: -25.5, dividendYield: 2, debtRatio: 27,
                              marketCap: ExactDecimal("430000000000000.25"), sector: "Information Technology",
                              source: FundamentalSource.import, updatedAt: 42),
            FundamentalRecord(ticker: "GOOG", market: "US", per: 24, pbr: 6.8, psr: 6, roe: 30, roa: 20, operatingMargin: 32,
                              netMargin: 27, revenueGrowth: 14, earningsGrowth: 30, dividendYield: 0.5, debtRatio: 10,
                              marketCap: ExactDecimal(2_100_000_000_000), sector: "Communication Services, Media",
                              source: FundamentalSource.import, updatedAt: 42),
        ])
    }

    func testEmptyCellsAreUnknownFigures() throws {
        let records = try parse(Self.header + "\n035720,KR,,1.5, ,,,,,,,,,,\n")
        XCTAssertEqual(records, [FundamentalRecord(ticker: "035720", market: "KR", pbr: 1.5, updatedAt: 42)])
    }

    func testColumnsMayComeInAnyOrderAndBeLeftOut() throws {
        let records = try parse(" market , ticker ,per\nUS,GOOG,1e1\n\n")
        XCTAssertEqual(records, [FundamentalRecord(ticker: "GOOG", market: "US", per: 10, updatedAt: 42)])
    }

    func testAHeaderAloneGivesNoRecords() throws {
        XCTAssertEqual(try parse("ticker,market\n"), [])
    }

    func testAFigureThatIsNotANumberNamesItsLineAndColumn() {
        let text = Self.header + "\n" + ["GOOG,US,24", "000660,KR,9"].map { $0 + ",,,,,,,,,,,," }.joined(separator: "\n")
            + "\n\n\n\n005930,KR,abc,,,,,,,,,,,,\n"
        XCTAssertEqual(fault(text), "line 7, column per: 'abc' is not a number")
        for bad in ["nan", "inf", "1e400", "0x10", "1.2.3", "12%"] {
            XCTAssertEqual(fault("ticker,market,roe\nGOOG,US,\(bad)"), "line 2, column roe: '\(bad)' is not a number")
        }
    }

    func testABadMarketCapNamesItsLineAndColumn() {
        for bad in ["-1", "1e13", "big"] {
            XCTAssertEqual(fault("ticker,market,market_cap\nGOOG,US,\(bad)"),
                           "line 2, column market_cap: '\(bad)' is not a non-negative decimal number")
        }
    }

    func testTickerAndMarketMustBeGiven() {
        XCTAssertEqual(fault("ticker,market\n,US"), "line 2, column ticker: is empty")
        XCTAssertEqual(fault("ticker,market\nGOOG,"), "line 2, column market: is empty")
        XCTAssertEqual(fault("ticker,market\nGOOG,NYSE"), "line 2, column market: 'NYSE' is not a market (CRYPTO, FX, KR, US)")
    }

    func testASymbolMayAppearOnce() {
        XCTAssertEqual(fault("ticker,market,per\nGOOG,US,1\n005930,KR,2\nGOOG,US,3"), "line 4, column ticker: GOOG (US) is also on line 2")
        XCTAssertEqual(try parse("ticker,market\nGOOG,US\nGOOG,KR").count, 2, "one ticker in two markets is two symbols")
    }

    func testARowWithTheWrongNumberOfFieldsNamesItsLine() {
        XCTAssertEqual(fault("ticker,market,per\nGOOG,US"), "line 2: expected 3 fields, found 2")
        XCTAssertEqual(fault("ticker,market,per\nGOOG,US,1,2"), "line 2: expected 3 fields, found 4")
        XCTAssertEqual(fault("ticker,market,sector\nGOOG,US,\"Media"), "line 2: a quoted field is not closed")
    }

    func testTheHeaderIsChecked() {
        XCTAssertEqual(fault(""), "line 1: the header row is missing (\(Self.header))")
        XCTAssertEqual(fault("ticker,market,pe\nGOOG,US,1"),
                       "line 1, column pe: unknown column (known: \(FundamentalCSV.columns.joined(separator: ", ")))")
        XCTAssertEqual(fault("ticker,market,per,per\n"), "line 1, column per: appears twice")
        XCTAssertEqual(fault("ticker,per\nGOOG,1"), "line 1, column market: is missing from the header")
        XCTAssertEqual(fault("market,per\nUS,1"), "line 1, column ticker: is missing from the header")
    }

    func testQuotedFieldsKeepCommasAndQuotes() throws {
        let records = try parse("ticker,market,sector\n\"GOOG\",US, \"Say \"\"hi\"\", then, go\" \n")
        XCTAssertEqual(records.first?.ticker, "GOOG")
        XCTAssertEqual(records.first?.sector, "Say \"hi\", then, go")
    }
}
