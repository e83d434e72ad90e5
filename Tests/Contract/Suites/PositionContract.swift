import Foundation
import XCTest

/// The Positions operations: the paper account's positions as the fills of orders placed over
/// REST build them, marked to the market. The server's one account is shared by the tests of a
/// class, so each test trades its own symbol.
extension ContractSuite {
    func positionReadsNeedAToken() throws {
        assertError(try api.call("listPositions"), 401, "MISSING_TOKEN")
        assertError(try api.call("getPositionSummary"), 401, "MISSING_TOKEN")
        assertError(try api.call("getPosition", path: ["symbol": "BTC-USDT"]), 401, "MISSING_TOKEN")
        assertError(try api.bearer("not-a-token").call("listPositions"), 401, "INVALID_TOKEN")
    }

    func aSymbolWithoutAPositionOrUnknownToTheMarketIsNotFound() throws {
        let viewer = try account("viewer").client
        assertError(try viewer.call("getPosition", path: ["symbol": "035720"]), 404, "POSITION_NOT_FOUND")
        assertError(try viewer.call("getPosition", path: ["symbol": "NOPE-USDT"]), 404, "MARKET_001")
        let unknown = try viewer.call("listPositions", query: ["symbol": "NOPE-USDT"])
        XCTAssertEqual(unknown.status, 200, unknown.message.summary)
        XCTAssertEqual(unknown["total"], 0, "a filter naming no symbol of the market matches nothing")
    }

    /// A market buy opens a manual spot position holding what it filled at its average price,
    /// marked to the market's last trade; the list, the summary and both symbol forms agree.
    func aMarketBuyOpensAPositionOfItsFills() throws {
        let trader = try account("trader").client
        let order = try trader.call("createOrder", body: ["symbol": "ETH-USDT", "side": "Buy", "order_type": "Market", "quantity": "0.05"])
        XCTAssertEqual(order.status, 201, order.message.summary)
        XCTAssertEqual(order["status"], "Filled", order.message.summary)
        let viewer = try account("viewer").client

        let position = try viewer.call("getPosition", path: ["symbol": "ETH-USDT"])
        XCTAssertEqual(position.status, 200, position.message.summary)
        XCTAssertEqual(position["symbol"], "ETH/USDT", "positions name symbols in the slash form")
        XCTAssertEqual(position["exchange"], "paper")
        XCTAssertEqual(position["side"], "Buy")
        XCTAssertEqual(position["strategy_id"], .null, "a manual position")
        XCTAssertEqual(try Self.decimal(position["quantity"]), try Self.decimal(order["filled_quantity"]), "the quantity filled")
        XCTAssertEqual(try Self.decimal(position["entry_price"]), try Self.decimal(order["average_fill_price"]), "the fills' average")
        try assertMarked(position)
        XCTAssertEqual(try viewer.call("getPosition", path: ["symbol": "eth/usdt"])["id"], position["id"], "either symbol form")

        let list = try viewer.call("listPositions", query: ["symbol": "ETH-USDT"])
        XCTAssertEqual(list.status, 200, list.message.summary)
        XCTAssertEqual(list["total"], 1)
        XCTAssertEqual(list["positions"][0]?["id"], position["id"])
        XCTAssertEqual(list["summary"]["total_positions"], 1)
        XCTAssertEqual(list["summary"]["long_count"], 1)
        XCTAssertEqual(list["summary"]["short_count"], 0)

        let summary = try viewer.call("getPositionSummary")
        let all = try viewer.call("listPositions")
        XCTAssertEqual(summary.status, 200, summary.message.summary)
        XCTAssertEqual(summary["total_positions"], all["total"], "the summary counts every open position")
        XCTAssertEqual((summary["long_count"].integer ?? -1) + (summary["short_count"].integer ?? -1), all["total"].integer)
    }

    /// The position's current price is the market's: read between two reads of the position
    /// that agree (the market publishes once a second on this server), GET /market/price says
    /// the same price.
    func aPositionIsMarkedAtTheMarketPrice() throws {
        let trader = try account("trader").client
        let order = try trader.call("createOrder", body: ["symbol": "BTC-USDT", "side": "Buy", "order_type": "Market", "quantity": "0.002"])
        XCTAssertEqual(order.status, 201, order.message.summary)
        var agreed = false
        for _ in 0..<10 where !agreed {
            let before = try trader.call("getPosition", path: ["symbol": "BTC-USDT"])
            let market = try trader.call("getMarketPrice", path: ["symbol": "BTC-USDT"])
            let after = try trader.call("getPosition", path: ["symbol": "BTC-USDT"])
            try assertMarked(after)
            if before["current_price"] == after["current_price"] {
                XCTAssertEqual(try Self.decimal(market["price"]), try Self.decimal(after["current_price"]), after.message.summary)
                agreed = true
            }
        }
        XCTAssertTrue(agreed, "two reads of the position a publish apart at most")
    }

    /// Selling all of it closes the position. The reads before the sell were answered (and,
    /// being `x-cache: snapshot`, kept) for the snapshot before it: the same reads after the
    /// sell show the snapshot the sell published.
    func sellingThePositionClosesIt() throws {
        let trader = try account("trader").client
        let buy = try trader.call("createOrder", body: ["symbol": "GOOG", "side": "Buy", "order_type": "Market", "quantity": "3"])
        XCTAssertEqual(buy.status, 201, buy.message.summary)
        XCTAssertEqual(try trader.call("getPosition", path: ["symbol": "GOOG"])["quantity"], "3")
        XCTAssertEqual(try trader.call("listPositions", query: ["symbol": "GOOG"])["total"], 1)
        let held = try trader.call("listBalances")
        XCTAssertEqual(held.status, 200, held.message.summary)
        let sell = try trader.call("createOrder", body: ["symbol": "GOOG", "side": "Sell", "order_type": "Market", "quantity": "3"])
        XCTAssertEqual(sell.status, 201, sell.message.summary)
        XCTAssertEqual(sell["status"], "Filled", sell.message.summary)
        assertError(try trader.call("getPosition", path: ["symbol": "GOOG"]), 404, "POSITION_NOT_FOUND")
        XCTAssertEqual(try trader.call("listPositions", query: ["symbol": "GOOG"])["total"], 0)
        let sold = try trader.call("listBalances")
        XCTAssertEqual(sold.status, 200, sold.message.summary)
        XCTAssertNotEqual(sold.message.body, held.message.body, "the sale's proceeds and fee show at once")
    }

    /// Asserts a position's valuation: unrealized PnL = (current − entry) × quantity (to the
    /// rounding of the entry price, four digits finer than the symbol's prices), notional value
    /// = current price × quantity.
    func assertMarked(_ position: ContractResponse, file: StaticString = #filePath, line: UInt = #line) throws {
        let quantity = try Self.decimal(position["quantity"]), entry = try Self.decimal(position["entry_price"])
        let current = try Self.decimal(position["current_price"])
        XCTAssertGreaterThan(current, 0, position.message.summary, file: file, line: line)
        let expected = (current - entry) * quantity
        let unrealized = try Self.decimal(position["unrealized_pnl"])
        XCTAssertLessThanOrEqual(abs(unrealized - expected), quantity * Decimal(string: "0.000001")! + Decimal(string: "0.00000001")!,
                                 "unrealized PnL = (current − entry) × quantity: \(position.message.summary)", file: file, line: line)
        XCTAssertEqual(try Self.decimal(position["notional_value"]), current * quantity, position.message.summary, file: file, line: line)
    }
}

/// The Positions operations on SQLite.
final class SQLitePositionContractTests: MarketContractTestCase {
    override class var backend: ContractBackend { .sqlite }
    func testPositionReadsNeedAToken() throws { try suite.positionReadsNeedAToken() }
    func testASymbolWithoutAPositionOrUnknownToTheMarketIsNotFound() throws { try suite.aSymbolWithoutAPositionOrUnknownToTheMarketIsNotFound() }
    func testAMarketBuyOpensAPositionOfItsFills() throws { try suite.aMarketBuyOpensAPositionOfItsFills() }
    func testAPositionIsMarkedAtTheMarketPrice() throws { try suite.aPositionIsMarkedAtTheMarketPrice() }
    func testSellingThePositionClosesIt() throws { try suite.sellingThePositionClosesIt() }
    func testWhenSentSIGTERMTheServerExitsCleanly() { assertServerExitsCleanlyOnSIGTERM() }
}

/// The Positions operations on PostgreSQL.
final class PostgresPositionContractTests: MarketContractTestCase {
    override class var backend: ContractBackend { .postgres }
    func testPositionReadsNeedAToken() throws { try suite.positionReadsNeedAToken() }
    func testASymbolWithoutAPositionOrUnknownToTheMarketIsNotFound() throws { try suite.aSymbolWithoutAPositionOrUnknownToTheMarketIsNotFound() }
    func testAMarketBuyOpensAPositionOfItsFills() throws { try suite.aMarketBuyOpensAPositionOfItsFills() }
    func testAPositionIsMarkedAtTheMarketPrice() throws { try suite.aPositionIsMarkedAtTheMarketPrice() }
    func testSellingThePositionClosesIt() throws { try suite.sellingThePositionClosesIt() }
    func testWhenSentSIGTERMTheServerExitsCleanly() { assertServerExitsCleanlyOnSIGTERM() }
}
