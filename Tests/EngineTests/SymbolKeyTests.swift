import XCTest
@testable import Engine

/// Both documents' symbol forms name one symbol.
final class SymbolKeyTests: XCTestCase {
    func testSlashAndDashFormsAreTheSameSymbol() throws {
        let slash = try XCTUnwrap(SymbolKey("BTC/USDT"))
        let dash = try XCTUnwrap(SymbolKey("BTC-USDT"))
        XCTAssertEqual(slash, dash)
        XCTAssertEqual(SymbolKey("btc-usdt"), dash)
        XCTAssertEqual(dash.marketForm, "BTC-USDT")
        XCTAssertEqual(dash.orderForm, "BTC/USDT")
        XCTAssertEqual(Set([slash, dash]).count, 1)
    }

    func testTickersStayAsTheyAre() throws {
        let ticker = try XCTUnwrap(SymbolKey("005930"))
        XCTAssertNil(ticker.quote)
        XCTAssertEqual(ticker.marketForm, "005930")
        XCTAssertEqual(ticker.orderForm, "005930")
        XCTAssertEqual(SymbolKey("goog")?.marketForm, "GOOG")
    }

    func testTextWithoutASymbolIsRefused() {
        for text in ["", "/", "-", "BTC/", "-USDT", "A/B/C", "A-B-C", "A/B-C"] {
            XCTAssertNil(SymbolKey(text), text)
        }
    }
}
