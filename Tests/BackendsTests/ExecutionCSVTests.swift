import XCTest
@testable import Backends
import Primitives

/// The executions file reader (`trading-server import-executions`): what a good file gives,
/// its import keys, and that every fault names its line and column.
final class ExecutionCSVTests: XCTestCase {
    static let header = "executed_at,symbol,side,quantity,price,fee,exchange,execution_id"

    /// The symbols this market has, by either form, answered in the orders' form.
    static func symbol(_ text: String) -> String? {
        ["005930": "005930", "BTC/USDT": "BTC/USDT", "BTC-USDT": "BTC/USDT", "btc-usdt": "BTC/USDT"][text]
    }

    private func parse(_ text: String) throws(CSVLineError) -> [ExecutionCSV.Line] {
        var next = 0
        return try ExecutionCSV.parse(text, symbol: Self.symbol, reservedExchanges: ["paper", "paper-margin"], at: 42) {
            next += 1
            return "id-\(next)"
        }
    }

    /// The error `text` gives, as its message.
    private func fault(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> String? {
        do {
            let lines = try parse(text)
            XCTFail("accepted: \(lines)", file: file, line: line)
            return nil
        } catch {
            return error.description
        }
    }

    func testEveryDocumentedColumnIsRead() throws {
        let lines = try parse(Self.header + "\n"
                              + "2026-01-15 01:00:00,005930,buy,5,64000,150,kis,A-1\r\n"
                              + "\n"
                              + "2026-01-21T09:00:00.250+09:00,btc-usdt,SELL,0.01000000,50000.5,,Upbit,\n")
        XCTAssertEqual(lines.map(\.number), [2, 4])
        XCTAssertEqual(lines.map(\.record), [
            ImportedExecutionRecord(execution: ExecutionRecord(id: "id-1", orderID: nil, symbol: "005930", side: "Buy", quantity: ExactDecimal(5),
                                                               price: ExactDecimal(64000), fee: ExactDecimal(150), exchange: "kis",
                                                               executedAt: 1_768_438_800_000),
                                    importKey: "kis|id|A-1", importedAt: 42),
            ImportedExecutionRecord(execution: ExecutionRecord(id: "id-2", orderID: nil, symbol: "BTC/USDT", side: "Sell", quantity: ExactDecimal("0.01")!,
                                                               price: ExactDecimal("50000.5")!, fee: .zero, exchange: "upbit",
                                                               executedAt: 1_768_953_600_250),
                                    importKey: "upbit|line|BTC/USDT|Sell|1768953600250|0.01|50000.5|0|1", importedAt: 42),
        ])
    }

    func testColumnsMayComeInAnyOrderAndFeeAndExecutionIDMayBeLeftOut() throws {
        let lines = try parse(" exchange ,side,price,quantity,symbol,executed_at\nkis,buy,1,2,BTC/USDT,2026-01-01T00:00:00Z\n")
        XCTAssertEqual(lines.first?.record.execution.fee, .zero)
        XCTAssertEqual(lines.first?.record.importKey, "kis|line|BTC/USDT|Buy|1767225600000|2|1|0|1")
    }

    func testIdenticalLinesAreToldApartByTheirOccurrenceAndExecutionIDsByVenue() throws {
        let lines = try parse(Self.header + "\n"
                              + "2026-01-01 00:00:00,005930,buy,1,100,0,kis,\n"
                              + "2026-01-01 00:00:00,005930,buy,1.0,100.00,,kis,\n"
                              + "2026-01-01 00:00:00,005930,buy,1,100,0,nh,\n"
                              + "2026-01-02 00:00:00,005930,buy,1,100,0,kis,7\n"
                              + "2026-01-02 00:00:00,005930,buy,1,100,0,nh,7\n")
        XCTAssertEqual(lines.map(\.record.importKey), [
            "kis|line|005930|Buy|1767225600000|1|100|0|1", "kis|line|005930|Buy|1767225600000|1|100|0|2",
            "nh|line|005930|Buy|1767225600000|1|100|0|1", "kis|id|7", "nh|id|7",
        ], "the same values twice are two executions; an execution id is the broker's")
    }

    func testAHeaderAloneGivesNoExecutions() throws {
        XCTAssertEqual(try parse(Self.header + "\n"), [])
    }

    func testEachKindOfBadLineNamesItsLineAndColumn() {
        let good = "2026-01-01 00:00:00,005930,buy,1,100,0,kis,"
        func line(_ replacing: Int, with cell: String) -> String {
            var cells = good.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            cells[replacing] = cell
            return Self.header + "\n" + good + "\n" + cells.joined(separator: ",") + "\n"
        }
        let faults: [(String, String)] = [
            (line(0, with: "2026-01-32 00:00:00"), "line 3, column executed_at: '2026-01-32 00:00:00' is not a UTC time (ISO 8601 such as 2026-01-15T01:00:00Z, or YYYY-MM-DD HH:MM:SS)"),
            (line(0, with: "2026-01-01"), "line 3, column executed_at: '2026-01-01' is not a UTC time (ISO 8601 such as 2026-01-15T01:00:00Z, or YYYY-MM-DD HH:MM:SS)"),
            (line(1, with: "ETH-USDT"), "line 3, column symbol: 'ETH-USDT' is not a symbol of the market"),
            (line(1, with: ""), "line 3, column symbol: '' is not a symbol of the market"),
            (line(2, with: "short"), "line 3, column side: 'short' is neither buy nor sell"),
            (line(3, with: "0"), "line 3, column quantity: '0' is not a decimal number above 0"),
            (line(3, with: "1e3"), "line 3, column quantity: '1e3' is not a decimal number above 0"),
            (line(4, with: "-5"), "line 3, column price: '-5' is not a decimal number above 0"),
            (line(5, with: "-0.1"), "line 3, column fee: '-0.1' is not a decimal number of at least 0"),
            (line(6, with: "paper"), "line 3, column exchange: 'paper' is the server's own venue: name the broker the executions were made at (e.g. kis)"),
            (line(6, with: "Paper-Margin"), "line 3, column exchange: 'paper-margin' is the server's own venue: name the broker the executions were made at (e.g. kis)"),
            (line(6, with: "k i s"), "line 3, column exchange: 'k i s' is not a venue name (letters, digits, '.', '_' or '-', at most 32, starting with a letter or digit)"),
            (line(7, with: String(repeating: "x", count: 129)), "line 3, column execution_id: is longer than 128 characters"),
            (Self.header + "\n" + good + "9\n" + good + "9\n", "line 3, column execution_id: 9 of kis is also on line 2"),
            (Self.header + "\n" + good + ",extra\n", "line 2: expected 8 fields, found 9"),
            (Self.header + "\n\"2026-01-01,005930\n", "line 2: a quoted field is not closed"),
            ("executed_at,symbol,side,quantity,price\n", "line 1, column exchange: is missing from the header"),
            (Self.header + ",venue\n", "line 1, column venue: unknown column (known: executed_at, symbol, side, quantity, price, fee, exchange, execution_id)"),
            ("", "line 1: the header row is missing (executed_at,symbol,side,quantity,price,fee,exchange,execution_id)"),
        ]
        for (text, expected) in faults {
            XCTAssertEqual(fault(text), expected)
        }
    }
}
