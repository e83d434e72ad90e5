import Backends
import Primitives
import XCTest
@testable import Engine

/// How positions are valued for the API (`ExchangeRecords.view`): one position as it is, and
/// several holding one symbol as their sum, the rule `GET /positions/{symbol}` and the
/// `position_update` stream share.
final class PositionValuationTests: XCTestCase {
    /// AAA-USDT: prices with 2 digits, quantities with 4, so USDT keeps 6 digits.
    static let spec = SymbolSpec(key: SymbolKey("AAA-USDT")!, name: "AAA", market: .crypto, prices: UnitScale(digits: 2),
                                 quantities: UnitScale(digits: 4), source: .synthetic(seed: 1, startPrice: 10_000, sigma: 0.5))
    static let t0 = 1_796_000_000_000
    let records = ExchangeRecords(scales: AssetScales(symbols: [spec], extra: ["USDT"]), symbols: [spec])

    /// A position of `units` whole AAA (negative: short) bought at `price` whole USDT.
    func position(_ id: String, exchange: String = PositionKey.spot, strategy: String? = nil, units: Int64, price: Int64,
                  openedAt: Int) -> Position {
        let key = PositionKey(exchange: exchange, symbol: Self.spec.key, strategyID: strategy)
        let lot = Lot(id: id + "-lot", quantity: units * 10_000, price: price * 100, fee: 0, openedAt: openedAt)
        return Position(id: id, key: key, lots: [lot], openedAt: openedAt, updatedAt: openedAt)
    }

    func testOnePositionIsShownAsItIs() throws {
        let grid = position("p1", strategy: "grid", units: 2, price: 100, openedAt: Self.t0)
        let view = try XCTUnwrap(records.view([grid], price: 120_00))
        XCTAssertEqual(view.record, records.position(grid)?.record)
        XCTAssertEqual(view.record.strategyID, "grid")
        XCTAssertEqual(view.currentPrice, ExactDecimal(120))
        XCTAssertEqual(view.unrealizedPnl, ExactDecimal(40))
        XCTAssertEqual(view.notionalValue, ExactDecimal(240))
        XCTAssertEqual(view.returnPct, ExactDecimal(20))
    }

    func testSeveralLongPositionsAreSummedWithTheirEntryPricesAveragedByQuantity() throws {
        let manual = position("p1", units: 2, price: 100, openedAt: Self.t0 + 5)
        let grid = position("p2", strategy: "grid", units: 2, price: 150, openedAt: Self.t0)
        let view = try XCTUnwrap(records.view([manual, grid], price: 150_00))
        XCTAssertEqual(view.record.id, "p2", "the oldest's id")
        XCTAssertEqual(view.record.openedAt, Self.t0)
        XCTAssertEqual(view.record.updatedAt, Self.t0 + 5, "the newest update")
        XCTAssertNil(view.record.strategyID, "no one strategy")
        XCTAssertEqual(view.record.side, "Buy")
        XCTAssertEqual(view.record.quantity, ExactDecimal(4))
        XCTAssertEqual(view.record.entryPrice, ExactDecimal(125))
        XCTAssertEqual(view.unrealizedPnl, ExactDecimal(100))
        XCTAssertEqual(view.notionalValue, ExactDecimal(600))
        XCTAssertEqual(view.returnPct, ExactDecimal(20), "100 over a cost of 500")
    }

    func testAShortAgainstALongNetsTheQuantityAndAddsEachOnesPnL() throws {
        let long = position("p1", units: 3, price: 100, openedAt: Self.t0)
        let short = position("p2", exchange: PositionKey.margin, units: -1, price: 200, openedAt: Self.t0 + 1)
        let view = try XCTUnwrap(records.view([short, long], price: 150_00))
        XCTAssertEqual(view.record.id, "p1")
        XCTAssertEqual(view.record.exchange, PositionKey.spot, "the oldest's exchange")
        XCTAssertEqual(view.record.side, "Buy", "net long")
        XCTAssertEqual(view.record.quantity, ExactDecimal(2))
        XCTAssertEqual(view.record.entryPrice, ExactDecimal(125), "averaged over the sizes: (300 + 200) / 4")
        XCTAssertEqual(view.unrealizedPnl, ExactDecimal(200), "the long gains 150, the short 50")
        XCTAssertEqual(view.notionalValue, ExactDecimal(300), "the net quantity at the price")
        XCTAssertEqual(view.returnPct, ExactDecimal(40))
    }

    func testNoPositionIsNoView() {
        XCTAssertNil(records.view([], price: 100_00))
    }
}
