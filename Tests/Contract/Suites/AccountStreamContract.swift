import Foundation
import XCTest

/// The account streams on `/ws`: `order_update` on `orders` and `position_update` on
/// `positions`, for orders placed over REST, agreeing with what REST answers, and never dropped
/// for a reader that pauses.
extension ContractSuite {
    /// A `/ws` connection authenticated as `account` and subscribed to `channels`.
    func accountSocket(_ account: Account, channels: [String], receiveBuffer: Int? = nil) throws -> ContractWebSocket {
        let socket = try ContractWebSocket(port: server.port, path: "/ws", spec: spec, receiveBuffer: receiveBuffer)
        XCTAssertEqual(try socket.receive()["type"], "welcome")
        try socket.send(["type": "auth", "token": .string(account.accessToken)])
        XCTAssertEqual(try socket.receive()["success"], true)
        let names = JSONInstance.array(channels.map(JSONInstance.string))
        try socket.send(["type": "subscribe", "channels": names])
        XCTAssertEqual(try socket.receive(), ["type": "subscribed", "channels": names])
        return socket
    }

    /// A manual market buy streams its order's states, ending in the state REST answered, then
    /// the symbol's position as GET /positions/{symbol} shows it.
    func aManualOrderStreamsItsUpdatesAgreeingWithREST() throws {
        let trader = try account("trader")
        let socket = try accountSocket(trader, channels: ["orders", "positions"])
        defer { socket.close() }
        let order = try trader.client.call("createOrder", body: [
            "symbol": "BTC-USDT", "side": "Buy", "order_type": "Market", "quantity": "0.003",
        ])
        XCTAssertEqual(order.status, 201, order.message.summary)
        let id = try XCTUnwrap(order["id"].string)

        var updates: [JSONInstance] = []
        _ = try socket.receive(within: 5) { message in
            guard message["type"] == "order_update", message["order_id"] == .string(id) else { return false }
            updates.append(message)
            return message["status"] == order["status"]
        }
        let statuses = updates.compactMap { $0["status"]?.string }
        XCTAssertFalse(statuses.dropLast().contains { ["Filled", "Cancelled", "Rejected", "Expired"].contains($0) },
                       "nothing after a final state: \(statuses)")
        let filled = try updates.map { try Self.decimal($0["filled_quantity"] ?? .null) }
        XCTAssertEqual(filled, filled.sorted(), "the filled quantity only grows: \(statuses)")
        let last = try XCTUnwrap(updates.last)
        XCTAssertEqual(last["symbol"], "BTC/USDT")
        XCTAssertEqual(last["side"], "Buy")
        XCTAssertEqual(last["order_type"], "Market")
        XCTAssertEqual(last["price"], .null, "a market order has no price")
        XCTAssertEqual(last["strategy_id"], .null, "a manual order")
        XCTAssertEqual(try Self.decimal(last["quantity"] ?? .null), try Self.decimal(order["quantity"]))
        XCTAssertEqual(try Self.decimal(last["filled_quantity"] ?? .null), try Self.decimal(order["filled_quantity"]))
        XCTAssertEqual(try Self.decimal(last["average_price"] ?? .null), try Self.decimal(order["average_fill_price"]))

        let update = try socket.receive(within: 5) { $0["type"] == "position_update" && $0["symbol"] == "BTC/USDT" }
        let position = try trader.client.call("getPosition", path: ["symbol": "BTC-USDT"])
        XCTAssertEqual(position.status, 200, position.message.summary)
        XCTAssertEqual(update["side"], position["side"])
        XCTAssertEqual(try Self.decimal(update["quantity"] ?? .null), try Self.decimal(position["quantity"]), update.text)
        XCTAssertEqual(try Self.decimal(update["entry_price"] ?? .null), try Self.decimal(position["entry_price"]), update.text)
        XCTAssertEqual(try Self.decimal(update["quantity"] ?? .null), try Self.decimal(order["filled_quantity"]), "the fills")
    }

    /// Closing the position streams it once more with quantity 0.
    func closingAPositionStreamsQuantityZero() throws {
        let trader = try account("trader")
        let socket = try accountSocket(trader, channels: ["positions"])
        defer { socket.close() }
        for side in ["Buy", "Sell"] {
            let order = try trader.client.call("createOrder", body: [
                "symbol": "005930", "side": .string(side), "order_type": "Market", "quantity": "2",
            ])
            XCTAssertEqual(order["status"], "Filled", order.message.summary)
            // Price moves repeat the open position until the sell's update says it is closed.
            let quantity: JSONInstance = side == "Buy" ? "2" : "0"
            let update = try socket.receive(within: 5) { $0["type"] == "position_update" && $0["quantity"] == quantity }
            XCTAssertEqual(update["symbol"], "005930", update.text)
        }
        assertError(try trader.client.call("getPosition", path: ["symbol": "005930"]), 404, "POSITION_NOT_FOUND")
    }

    /// While a position is held its updates follow the price: each says a new price, at most
    /// one a publish (50 ms on this server), and each shows the position REST shows.
    func priceMovesStreamThePositionAtMostOnceAPublish() throws {
        let trader = try account("trader")
        let order = try trader.client.call("createOrder", body: ["symbol": "000660", "side": "Buy", "order_type": "Market", "quantity": "1"])
        XCTAssertEqual(order["status"], "Filled", order.message.summary)
        let position = try trader.client.call("getPosition", path: ["symbol": "000660"])
        let socket = try accountSocket(trader, channels: ["positions"])
        defer { socket.close() }
        let window = 2.0
        let end = Date().addingTimeInterval(window)
        var updates: [JSONInstance] = []
        _ = try? socket.receive(within: window) { message in
            if message["type"] == "position_update", message["symbol"] == "000660" { updates.append(message) }
            return Date() >= end
        }
        XCTAssertGreaterThan(updates.count, 1, "the synthetic market moves within \(window) s")
        XCTAssertLessThanOrEqual(updates.count, Int(window * 1000 / 50) + 2, "at most one update a publish")
        for (earlier, later) in zip(updates, updates.dropFirst()) {
            XCTAssertNotEqual(earlier["current_price"], later["current_price"], "an update says a new price: \(later.text)")
        }
        for update in updates {
            XCTAssertEqual(update["quantity"], position["quantity"], update.text)
            XCTAssertEqual(update["entry_price"], position["entry_price"], update.text)
        }
    }

    /// A reader that stops reading (a small receive buffer, heavy order books on the same
    /// connection for a second first, so the server queues past the point where it conflates
    /// market data) while
    /// 150 orders are placed gets every `order_update` of them, in the order they were placed,
    /// when it reads again. 150 updates are far below the 8 MiB the server holds for a reader
    /// before it closes it with 1008 (the Server target's
    /// `testReaderThatNeverReadsIsClosedWhenReliableQueueOverflows` shows that close).
    func aPausedReaderGetsEveryOrderUpdateInOrder() throws {
        let trader = try account("trader")
        let books = Self.demoSymbols.map { "orderbook:" + $0 }
        let socket = try accountSocket(trader, channels: ["orders"] + books, receiveBuffer: 16 << 10)
        defer { socket.close() }
        let market = try trader.client.call("getMarketPrice", path: ["symbol": "ETH-USDT"])
        // Unread books fill the server's queue for the reader past its conflation threshold first.
        Thread.sleep(forTimeInterval: 1)
        // Resting buys at a tenth of the price: each is one update (Open) and stays open.
        let price = (try Self.decimal(market["price"]) / 10).rounded(places: 2)
        var placed: [String] = []
        for _ in 0..<150 {
            let order = try trader.client.call("createOrder", body: [
                "symbol": "ETH-USDT", "side": "Buy", "order_type": "Limit", "quantity": "0.01", "price": .string("\(price)"),
            ])
            XCTAssertEqual(order.status, 201, order.message.summary)
            if let id = order["id"].string { placed.append(id) }
        }
        var received: [String] = []
        do {
            _ = try socket.receiveChecking(within: 10) { message in
                guard message["type"] == "order_update", let id = message["order_id"]?.string, placed.contains(id) else { return false }
                if received.last != id { received.append(id) }
                return received.count == placed.count
            }
        } catch let timeout as WebSocketClient.Failure {
            // The comparison below shows what did not arrive.
            XCTFail("\(timeout)")
        }
        XCTAssertEqual(received, placed, "every order's updates, in the order the orders were placed")
    }
}

private extension Decimal {
    /// Rounded down to `places` decimal places.
    func rounded(places: Int) -> Decimal {
        var value = self, result = Decimal()
        NSDecimalRound(&result, &value, places, .down)
        return result
    }
}

/// The account streams on SQLite.
final class SQLiteAccountStreamContractTests: SQLiteContractTestCase {
    override class var serverArguments: [String] { ContractSuite.marketStreamServerArguments }
    func testAManualOrderStreamsItsUpdatesAgreeingWithREST() throws { try suite.aManualOrderStreamsItsUpdatesAgreeingWithREST() }
    func testClosingAPositionStreamsQuantityZero() throws { try suite.closingAPositionStreamsQuantityZero() }
    func testPriceMovesStreamThePositionAtMostOnceAPublish() throws { try suite.priceMovesStreamThePositionAtMostOnceAPublish() }
    func testAPausedReaderGetsEveryOrderUpdateInOrder() throws { try suite.aPausedReaderGetsEveryOrderUpdateInOrder() }
    func testWhenSentSIGTERMTheServerExitsCleanly() { assertServerExitsCleanlyOnSIGTERM() }
}

/// The account streams on PostgreSQL.
final class PostgresAccountStreamContractTests: PostgresContractTestCase {
    override class var serverArguments: [String] { ContractSuite.marketStreamServerArguments }
    func testAManualOrderStreamsItsUpdatesAgreeingWithREST() throws { try suite.aManualOrderStreamsItsUpdatesAgreeingWithREST() }
    func testClosingAPositionStreamsQuantityZero() throws { try suite.closingAPositionStreamsQuantityZero() }
    func testPriceMovesStreamThePositionAtMostOnceAPublish() throws { try suite.priceMovesStreamThePositionAtMostOnceAPublish() }
    func testAPausedReaderGetsEveryOrderUpdateInOrder() throws { try suite.aPausedReaderGetsEveryOrderUpdateInOrder() }
    func testWhenSentSIGTERMTheServerExitsCleanly() { assertServerExitsCleanlyOnSIGTERM() }
}
