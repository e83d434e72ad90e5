import Foundation
import XCTest

/// Reading orders: `listOrders` with its filters and pages, and `getOrderStats`. Each test
/// places its own resting orders (far below the market) and looks for them by id, since the
/// paper account is shared by every test of the server.
extension ContractSuite {
    func listOrdersFiltersBySymbolSideStatusAndStrategyNewestFirst() throws {
        let trader = try account("trader").client
        let btc = try XCTUnwrap(try restingBuy(trader, symbol: "BTC-USDT")["id"].string)
        let eth = try XCTUnwrap(try restingBuy(trader, symbol: "ETH/USDT")["id"].string)
        func ids(_ query: [String: String]) throws -> [String] {
            let response = try trader.call("listOrders", query: query)
            XCTAssertEqual(response.status, 200, response.message.summary)
            return response["orders"].array?.compactMap { $0["id"]?.string } ?? []
        }
        let active = try ids([:])
        XCTAssertTrue(active.contains(btc) && active.contains(eth), "the active orders by default")
        XCTAssertLessThan(active.firstIndex(of: eth)!, active.firstIndex(of: btc)!, "newest first")
        for symbol in ["BTC-USDT", "btc/usdt"] {
            let listed = try ids(["symbol": symbol])
            XCTAssertTrue(listed.contains(btc) && !listed.contains(eth), "symbol \(symbol)")
        }
        XCTAssertTrue(try ids(["symbol": "ETH-USDT"]).contains(eth))
        XCTAssertTrue(try ids(["symbol": "ETH-USDT", "side": "Buy"]).contains(eth))
        XCTAssertFalse(try ids(["side": "Sell"]).contains(btc), "a buy is not listed as a sell")
        XCTAssertFalse(try ids(["status": "Filled,Cancelled"]).contains(btc), "an open order is not listed as finished")
        XCTAssertTrue(try ids(["status": "Open"]).contains(btc))
        XCTAssertFalse(try ids(["strategy_id": "grid_btc"]).contains(btc), "a manual order belongs to no strategy")

        for id in [btc, eth] { XCTAssertEqual(try trader.call("cancelOrder", path: ["id": id]).status, 200) }
        XCTAssertFalse(try ids([:]).contains(btc), "a cancelled order is no longer active")
        let finished = try ids(["status": "Cancelled"])
        XCTAssertTrue(finished.contains(btc) && finished.contains(eth))
    }

    func listOrdersPagesWithLimitAndOffsetAndCountsEveryMatch() throws {
        let trader = try account("trader").client
        let placed = try (0..<3).map { _ in try XCTUnwrap(try restingBuy(trader)["id"].string) }
        let whole = try trader.call("listOrders", query: ["symbol": "BTC/USDT"])
        let total = try XCTUnwrap(whole["total"].integer)
        XCTAssertGreaterThanOrEqual(total, 3)
        XCTAssertEqual(whole["orders"].array?.count, total)
        var paged: [String] = []
        for offset in 0..<total {
            let page = try trader.call("listOrders", query: ["symbol": "BTC/USDT", "limit": "1", "offset": String(offset)])
            XCTAssertEqual(page["total"].integer, total, "total counts every match, not the page")
            paged += page["orders"].array?.compactMap { $0["id"]?.string } ?? []
        }
        XCTAssertEqual(paged, whole["orders"].array?.compactMap { $0["id"]?.string }, "pages of one are the whole list in order")
        for id in placed { XCTAssertEqual(try trader.call("cancelOrder", path: ["id": id]).status, 200) }
    }

    func orderStatsCountTheActiveOrdersByStatusAndSide() throws {
        let trader = try account("trader").client
        func stats() throws -> ContractResponse {
            let response = try trader.call("getOrderStats")
            XCTAssertEqual(response.status, 200, response.message.summary)
            let total = response["total"].integer ?? -1
            let byStatus = ["pending", "open", "partially_filled"].compactMap { response["by_status"][$0]?.integer }.reduce(0, +)
            let bySide = ["buy", "sell"].compactMap { response["by_side"][$0]?.integer }.reduce(0, +)
            XCTAssertEqual(byStatus, total, "statuses add up to the total: \(response.message.summary)")
            XCTAssertEqual(bySide, total, "sides add up to the total: \(response.message.summary)")
            return response
        }
        let before = try stats()
        XCTAssertEqual(before["total"].integer, try trader.call("listOrders")["total"].integer, "the active orders listOrders shows")
        let id = try XCTUnwrap(try restingBuy(trader)["id"].string)
        let resting = try stats()
        XCTAssertEqual(resting["by_status"]["open"]?.integer, (before["by_status"]["open"]?.integer ?? 0) + 1)
        XCTAssertEqual(resting["by_side"]["buy"]?.integer, (before["by_side"]["buy"]?.integer ?? 0) + 1)
        XCTAssertEqual(try trader.call("cancelOrder", path: ["id": id]).status, 200)
        XCTAssertEqual(try stats()["total"], before["total"])
    }
}

/// Order reads on SQLite.
final class SQLiteOrderListContractTests: SQLiteContractTestCase {
    func testListOrdersFiltersBySymbolSideStatusAndStrategyNewestFirst() throws {
        try suite.listOrdersFiltersBySymbolSideStatusAndStrategyNewestFirst()
    }
    func testListOrdersPagesWithLimitAndOffsetAndCountsEveryMatch() throws { try suite.listOrdersPagesWithLimitAndOffsetAndCountsEveryMatch() }
    func testOrderStatsCountTheActiveOrdersByStatusAndSide() throws { try suite.orderStatsCountTheActiveOrdersByStatusAndSide() }
    func testWhenSentSIGTERMTheServerExitsCleanly() { assertServerExitsCleanlyOnSIGTERM() }
}

/// Order reads on PostgreSQL.
final class PostgresOrderListContractTests: PostgresContractTestCase {
    func testListOrdersFiltersBySymbolSideStatusAndStrategyNewestFirst() throws {
        try suite.listOrdersFiltersBySymbolSideStatusAndStrategyNewestFirst()
    }
    func testListOrdersPagesWithLimitAndOffsetAndCountsEveryMatch() throws { try suite.listOrdersPagesWithLimitAndOffsetAndCountsEveryMatch() }
    func testOrderStatsCountTheActiveOrdersByStatusAndSide() throws { try suite.orderStatsCountTheActiveOrdersByStatusAndSide() }
    func testWhenSentSIGTERMTheServerExitsCleanly() { assertServerExitsCleanlyOnSIGTERM() }
}
