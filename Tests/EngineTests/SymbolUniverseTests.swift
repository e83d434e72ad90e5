import XCTest
@testable import Engine

/// The demo universe and lookups by either symbol form.
final class SymbolUniverseTests: XCTestCase {
    func testTheDemoUniverseHasEveryMarketAndMarksItsSources() {
        let universe = SymbolUniverse.demo
        XCTAssertEqual(universe.all.map(\.key.marketForm), ["000660", "005930", "035720", "BTC-USDT", "ETH-USDT", "EUR-USD", "GOOG"])
        XCTAssertEqual(Set(universe.all.map(\.market)), Set(MarketKind.allCases))
        XCTAssertEqual(universe.all.filter { !$0.source.isSynthetic }.map(\.key.marketForm), ["BTC-USDT", "EUR-USD", "GOOG"])
        XCTAssertEqual(universe.resolve("BTC-USDT")?.source, .sample(file: "BTCUSD.csv", interval: .month1))
    }

    func testBothFormsFindTheSameSymbolAndUnknownOnesNone() {
        let universe = SymbolUniverse.demo
        XCTAssertEqual(universe.resolve("BTC/USDT"), universe.resolve("BTC-USDT"))
        XCTAssertEqual(universe.resolve("eth/usdt")?.key.orderForm, "ETH/USDT")
        XCTAssertNil(universe.resolve("DOGE-USDT"))
        XCTAssertNil(universe.resolve("BTC/USDT/X"))
    }

    func testAddedSymbolsJoinTheUniverse() {
        var universe = SymbolUniverse.demo
        universe.add(SymbolSpec(key: SymbolKey("AAPL")!, name: "Apple", market: .us, prices: UnitScale(digits: 2),
                                quantities: UnitScale(digits: 0), source: .sample(file: "AAPL.csv", interval: .day1)))
        XCTAssertEqual(universe.resolve("aapl")?.name, "Apple")
        XCTAssertEqual(universe.all.count, 8)
    }
}
