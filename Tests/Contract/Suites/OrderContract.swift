import Foundation
import Synchronization
import XCTest

/// Manual orders on the paper exchange: what a create, a cancel and their refusals answer,
/// and what they do to the account's balances. The server has one paper account that every
/// test of a class shares, so each test compares the account before and after its own orders,
/// rests its limit orders far from the market (they never fill) and cancels them before it ends.
extension ContractSuite {
    /// The symbol the order tests trade (in the orders' slash form).
    static let orderSymbol = "BTC/USDT"

    func pricedOrderWithoutAPriceIsAValidationError() throws {
        let trader = try account("trader")
        for orderType in ["Limit", "StopLoss", "TakeProfit"] {
            let response = try trader.client.call("createOrder", body: [
                "symbol": "BTC/USDT", "side": "Buy", "order_type": .string(orderType), "quantity": "1",
            ])
            assertValidationError(response, field: "price")
            XCTAssertEqual(response["message"], "Invalid request: body.price is required", orderType)
        }
    }

    func marketOrderWithAPriceIsAValidationError() throws {
        let trader = try account("trader")
        let response = try trader.client.call("createOrder", body: [
            "symbol": "BTC/USDT", "side": "Buy", "order_type": "Market", "quantity": "1", "price": "50000",
        ])
        assertValidationError(response, field: "price")
        XCTAssertEqual(response["message"], "Invalid request: body.price is not a known field")
    }

    func marketBuyFillsAndMovesTheBalancesByItsNotionalAndFee() throws {
        let trader = try account("trader").client
        let before = try balances(trader)
        let bought = try trader.call("createOrder", body: [
            "symbol": .string(Self.orderSymbol), "side": "Buy", "order_type": "Market", "quantity": "0.01",
        ])
        XCTAssertEqual(bought.status, 201, bought.message.summary)
        XCTAssertEqual(bought["status"], "Filled")
        XCTAssertEqual(bought["symbol"], "BTC/USDT")
        XCTAssertEqual(bought["order_type"], "Market")
        XCTAssertEqual(bought["time_in_force"], "IOC", "a market order is shown as IOC")
        XCTAssertEqual(bought["price"], .null)
        XCTAssertEqual(bought["strategy_id"], .null, "a manual order")
        XCTAssertEqual(bought["cancel_reason"], .null)
        XCTAssertEqual(try Self.decimal(bought["filled_quantity"]), Decimal(string: "0.01"))
        let notional = try Self.decimal(bought["average_fill_price"]) * Decimal(string: "0.01")!
        let fee = try Self.decimal(bought["fee"])
        XCTAssertLessThan(abs(fee - notional * Decimal(string: "0.0005")!), Decimal(string: "0.0001")!, "the taker fee is 5 bps")

        let after = try balances(trader)
        XCTAssertEqual(after["BTC"]!.total - before["BTC"]!.total, Decimal(string: "0.01"), "the base asset grows by the fill")
        XCTAssertLessThan(abs(before["USDT"]!.free - after["USDT"]!.free - notional - fee), Decimal(string: "0.01")!,
                          "USDT pays the notional and the fee")
        XCTAssertEqual(after["USDT"]!.locked, before["USDT"]!.locked, "a filled market order keeps nothing locked")

        // Selling what was bought is a spot sell within the manual position; it gives the BTC back.
        let sold = try trader.call("createOrder", body: [
            "symbol": .string(Self.orderSymbol), "side": "Sell", "order_type": "Market", "quantity": "0.01",
        ])
        XCTAssertEqual(sold.status, 201, sold.message.summary)
        XCTAssertEqual(sold["status"], "Filled")
        XCTAssertEqual(try balances(trader)["BTC"]!.total, before["BTC"]!.total)
    }

    func limitBuyFarBelowTheMarketRestsOpenAndLocksItsQuoteUntilCancelled() throws {
        let trader = try account("trader").client
        let before = try balances(trader)
        let placed = try restingBuy(trader)
        XCTAssertEqual(placed.status, 201, placed.message.summary)
        XCTAssertEqual(placed["status"], "Open")
        XCTAssertEqual(placed["time_in_force"], "GTC", "a priced order without time_in_force is GTC")
        XCTAssertEqual(placed["expires_at"], .null)
        XCTAssertEqual(placed["average_fill_price"], .null)
        XCTAssertEqual(try Self.decimal(placed["filled_quantity"]), 0)
        XCTAssertEqual(try Self.decimal(placed["fee"]), 0)
        let id = try XCTUnwrap(placed["id"].string)
        let notional = try Self.decimal(placed["price"]) * Decimal(string: "0.01")!

        let resting = try balances(trader)
        let locked = resting["USDT"]!.locked - before["USDT"]!.locked
        XCTAssertGreaterThanOrEqual(locked, notional, "the rest locks its quote amount with fees")
        XCTAssertEqual(before["USDT"]!.free - resting["USDT"]!.free, locked, "what is locked leaves free")
        XCTAssertEqual(resting["USDT"]!.total, before["USDT"]!.total)

        let detail = try trader.call("getOrder", path: ["id": id])
        XCTAssertEqual(detail.status, 200, detail.message.summary)
        XCTAssertEqual(detail["id"].string, id)
        XCTAssertEqual(detail["status"], "Open")
        XCTAssertEqual(detail["exchange"], "paper")

        let cancelled = try trader.call("cancelOrder", path: ["id": id])
        XCTAssertEqual(cancelled.status, 200, cancelled.message.summary)
        XCTAssertEqual(cancelled["success"], true)
        XCTAssertEqual(cancelled["order_id"].string, id)
        let after = try trader.call("getOrder", path: ["id": id])
        XCTAssertEqual(after["status"], "Cancelled")
        XCTAssertEqual(after["cancel_reason"], "Cancelled by user", "the spec's reason when none is given")
        let unlocked = try balances(trader)
        XCTAssertEqual(unlocked["USDT"]!.free, before["USDT"]!.free, "cancelling frees what the order locked")
        XCTAssertEqual(unlocked["USDT"]!.locked, before["USDT"]!.locked)
    }

    func cancelKeepsTheGivenReasonAndRefusesAnOrderNoLongerActive() throws {
        let trader = try account("trader").client
        let id = try XCTUnwrap(try restingBuy(trader)["id"].string)
        let cancelled = try trader.call("cancelOrder", path: ["id": id], body: ["reason": "rebalancing"])
        XCTAssertEqual(cancelled.status, 200, cancelled.message.summary)
        XCTAssertEqual(try trader.call("getOrder", path: ["id": id])["cancel_reason"], "rebalancing")
        assertError(try trader.call("cancelOrder", path: ["id": id]), 409, "CONFLICT")
        XCTAssertEqual(try trader.call("getOrder", path: ["id": id])["cancel_reason"], "rebalancing", "a refused cancel changes nothing")

        let filled = try trader.call("createOrder", body: [
            "symbol": .string(Self.orderSymbol), "side": "Buy", "order_type": "Market", "quantity": "0.001",
        ])
        XCTAssertEqual(filled["status"], "Filled", filled.message.summary)
        assertError(try trader.call("cancelOrder", path: ["id": filled["id"].string ?? ""]), 409, "CONFLICT")
        XCTAssertEqual(try trader.call("getOrder", path: ["id": filled["id"].string ?? ""])["status"], "Filled")
    }

    func goodTillDateOrdersCarryTheirExpiry() throws {
        let trader = try account("trader").client
        let expiry = ISO8601DateFormatter().string(from: Date().addingTimeInterval(3600))
        let placed = try restingBuy(trader, extra: ["time_in_force": "GTD", "expires_at": .string(expiry)])
        XCTAssertEqual(placed.status, 201, placed.message.summary)
        XCTAssertEqual(placed["time_in_force"], "GTD")
        let expiresAt = try XCTUnwrap(placed["expires_at"].string.flatMap(Self.date), placed.message.summary)
        XCTAssertEqual(expiresAt.timeIntervalSince1970, ISO8601DateFormatter().date(from: expiry)!.timeIntervalSince1970, accuracy: 0.001)
        XCTAssertEqual(try trader.call("cancelOrder", path: ["id": placed["id"].string ?? ""]).status, 200)
    }

    func aRepeatedClientOrderIDAnswersTheFirstOrderWith200AndPlacesNothing() throws {
        let trader = try account("trader").client
        let clientID = "retry-" + UUID().uuidString
        let first = try restingBuy(trader, extra: ["client_order_id": .string(clientID)])
        XCTAssertEqual(first.status, 201, first.message.summary)
        XCTAssertEqual(first["client_order_id"].string, clientID)
        let active = try trader.call("listOrders")["total"].integer
        let balancesBefore = try balances(trader)

        let retry = try restingBuy(trader, extra: ["client_order_id": .string(clientID)])
        XCTAssertEqual(retry.status, 200, "a known client_order_id answers 200: \(retry.message.summary)")
        XCTAssertEqual(retry["id"], first["id"])
        let changed = try restingBuy(trader, quantity: "0.02", extra: ["client_order_id": .string(clientID)])
        XCTAssertEqual(changed.status, 200, changed.message.summary)
        XCTAssertEqual(changed["id"], first["id"], "the first order, whatever the retry says")
        XCTAssertEqual(changed["quantity"], first["quantity"])
        XCTAssertEqual(try trader.call("listOrders")["total"].integer, active, "no order placed again")
        XCTAssertEqual(try balances(trader)["USDT"]!.locked, balancesBefore["USDT"]!.locked, "nothing more locked")
        XCTAssertEqual(try trader.call("cancelOrder", path: ["id": first["id"].string ?? ""]).status, 200)
    }

    func concurrentRetriesOfAFilledMarketOrderPlaceItOnce() throws {
        let trader = try account("trader").client
        let before = try balances(trader)
        let body: JSONInstance = ["symbol": .string(Self.orderSymbol), "side": "Buy", "order_type": "Market", "quantity": "0.001",
                                  "client_order_id": .string("race-" + UUID().uuidString)]
        let answers = Mutex<[(status: Int, id: String?)]>([])
        // The first attempt fills at once, so later ones find a finished order under the id.
        DispatchQueue.concurrentPerform(iterations: 6) { _ in
            let response = try? trader.call("createOrder", body: body)
            answers.withLock { $0.append((response?.status ?? 0, response?["id"].string)) }
        }
        let all = answers.withLock { $0 }
        XCTAssertEqual(all.filter { $0.status == 201 }.count, 1, "one create places the order: \(all)")
        XCTAssertEqual(all.filter { $0.status == 200 }.count, all.count - 1, "the others answer it: \(all)")
        XCTAssertEqual(Set(all.map(\.id)).count, 1, "every answer is the same order: \(all)")
        XCTAssertEqual(try balances(trader)["BTC"]!.total - before["BTC"]!.total, Decimal(string: "0.001"), "bought once")
    }

    func refusedCreatesAnswerTheirErrorAndCreateNoOrder() throws {
        let trader = try account("trader").client
        let every = ["status": "Pending,Open,PartiallyFilled,Filled,Cancelled,Rejected,Expired"]
        let before = try trader.call("listOrders", query: every)["total"].integer
        let price = try limitPrice(trader)
        let limit: JSONInstance = ["symbol": .string(Self.orderSymbol), "side": "Buy", "order_type": "Limit", "quantity": "0.01",
                                   "price": .string(price)]
        func create(_ changes: [String: JSONInstance]) throws -> ContractResponse {
            var body = limit.object!
            for (key, value) in changes { body[key] = value }
            return try trader.call("createOrder", body: .object(body))
        }
        assertValidationError(try create(["time_in_force": "GTD"]), field: "expires_at")
        assertUnfit(try create(["time_in_force": "GTD", "expires_at": "2020-01-01T00:00:00Z"]), field: "body.expires_at")
        assertValidationError(try create(["expires_at": "2999-01-01T00:00:00Z"]), field: "expires_at")
        assertValidationError(try create(["quantity": "0.000000001"]), field: "quantity")
        assertValidationError(try create(["quantity": "0"]), field: "quantity")
        assertValidationError(try create(["quantity": "4206704711356520038460730945280.5"]), field: "quantity")
        assertUnfit(try create(["price": "0.001"]), field: "body.price")
        assertValidationError(try create(["order_type": "StopLoss", "time_in_force": "IOC"]), field: "time_in_force")
        assertError(try create(["quantity": "1000000"]), 422, "PORT_001")
        assertError(try trader.call("createOrder", body: ["symbol": "ETH-USDT", "side": "Sell", "order_type": "Market", "quantity": "1"]),
                    422, "PORT_001")
        let unknown = try create(["symbol": "NOPE-USDT"])
        assertError(unknown, 404, "MARKET_001")
        XCTAssertTrue(unknown["message"].string?.contains("NOPE-USDT") ?? false, unknown.message.summary)
        XCTAssertEqual(try trader.call("listOrders", query: every)["total"].integer, before, "a refused create makes no order")
    }

    /// Asserts a 422 `ORDER_001` (valid by the schema, but not by the symbol's rules or the
    /// clock) whose one detail names `field`.
    func assertUnfit(_ response: ContractResponse, field: String, file: StaticString = #filePath, line: UInt = #line) {
        assertError(response, 422, "ORDER_001", file: file, line: line)
        XCTAssertEqual(response["details"].array?.compactMap { $0["field"]?.string }, [field], response.message.summary, file: file, line: line)
    }

    func unknownAndMalformedOrderIDsAreNotFoundAndInvalid() throws {
        let trader = try account("trader").client
        assertError(try trader.call("getOrder", path: ["id": Self.unknownID]), 404, "ORDER_NOT_FOUND")
        assertError(try trader.call("cancelOrder", path: ["id": Self.unknownID]), 404, "ORDER_NOT_FOUND")
        assertError(try trader.call("getOrder", path: ["id": "not-a-uuid"]), 400, "INVALID_ORDER_ID")
        assertError(try trader.call("cancelOrder", path: ["id": "not-a-uuid"]), 400, "INVALID_ORDER_ID")
    }

    func ordersNeedATokenAndTradingNeedsTheTraderRole() throws {
        for operation in ["listOrders", "getOrderStats", "listBalances"] {
            assertError(try api.call(operation), 401, "MISSING_TOKEN")
        }
        let viewer = try account("viewer").client
        XCTAssertEqual(try viewer.call("listOrders").status, 200)
        assertError(try restingBuy(viewer), 403, "INSUFFICIENT_PERMISSION")
        assertError(try viewer.call("cancelOrder", path: ["id": Self.unknownID]), 403, "INSUFFICIENT_PERMISSION")
    }

    // MARK: Support

    /// A limit buy of `orderSymbol` at half its last price, whole: far below the market, it rests.
    func restingBuy(_ client: ContractClient, symbol: String = orderSymbol, quantity: String = "0.01",
                    extra: [String: JSONInstance] = [:]) throws -> ContractResponse {
        var body: [String: JSONInstance] = ["symbol": .string(symbol), "side": "Buy", "order_type": "Limit",
                                            "quantity": .string(quantity), "price": .string(try limitPrice(client, symbol: symbol))]
        for (key, value) in extra { body[key] = value }
        return try client.call("createOrder", body: .object(body))
    }

    /// Half the last price of `symbol`, whole (every crypto tick divides it).
    func limitPrice(_ client: ContractClient, symbol: String = orderSymbol) throws -> String {
        let price = try client.call("getMarketPrice", path: ["symbol": symbol])
        let half = NSDecimalNumber(decimal: try Self.decimal(price["price"]) / 2).intValue
        return String(max(half, 1))
    }
}

/// Manual orders on SQLite.
final class SQLiteOrderContractTests: SQLiteContractTestCase {
    func testPricedOrderWithoutAPriceIsAValidationError() throws { try suite.pricedOrderWithoutAPriceIsAValidationError() }
    func testMarketOrderWithAPriceIsAValidationError() throws { try suite.marketOrderWithAPriceIsAValidationError() }
    func testMarketBuyFillsAndMovesTheBalancesByItsNotionalAndFee() throws { try suite.marketBuyFillsAndMovesTheBalancesByItsNotionalAndFee() }
    func testLimitBuyFarBelowTheMarketRestsOpenAndLocksItsQuoteUntilCancelled() throws {
        try suite.limitBuyFarBelowTheMarketRestsOpenAndLocksItsQuoteUntilCancelled()
    }
    func testCancelKeepsTheGivenReasonAndRefusesAnOrderNoLongerActive() throws {
        try suite.cancelKeepsTheGivenReasonAndRefusesAnOrderNoLongerActive()
    }
    func testGoodTillDateOrdersCarryTheirExpiry() throws { try suite.goodTillDateOrdersCarryTheirExpiry() }
    func testARepeatedClientOrderIDAnswersTheFirstOrderWith200AndPlacesNothing() throws {
        try suite.aRepeatedClientOrderIDAnswersTheFirstOrderWith200AndPlacesNothing()
    }
    func testConcurrentRetriesOfAFilledMarketOrderPlaceItOnce() throws { try suite.concurrentRetriesOfAFilledMarketOrderPlaceItOnce() }
    func testRefusedCreatesAnswerTheirErrorAndCreateNoOrder() throws { try suite.refusedCreatesAnswerTheirErrorAndCreateNoOrder() }
    func testUnknownAndMalformedOrderIDsAreNotFoundAndInvalid() throws { try suite.unknownAndMalformedOrderIDsAreNotFoundAndInvalid() }
    func testOrdersNeedATokenAndTradingNeedsTheTraderRole() throws { try suite.ordersNeedATokenAndTradingNeedsTheTraderRole() }
    func testWhenSentSIGTERMTheServerExitsCleanly() { assertServerExitsCleanlyOnSIGTERM() }
}

/// Manual orders on PostgreSQL.
final class PostgresOrderContractTests: PostgresContractTestCase {
    func testPricedOrderWithoutAPriceIsAValidationError() throws { try suite.pricedOrderWithoutAPriceIsAValidationError() }
    func testMarketOrderWithAPriceIsAValidationError() throws { try suite.marketOrderWithAPriceIsAValidationError() }
    func testMarketBuyFillsAndMovesTheBalancesByItsNotionalAndFee() throws { try suite.marketBuyFillsAndMovesTheBalancesByItsNotionalAndFee() }
    func testLimitBuyFarBelowTheMarketRestsOpenAndLocksItsQuoteUntilCancelled() throws {
        try suite.limitBuyFarBelowTheMarketRestsOpenAndLocksItsQuoteUntilCancelled()
    }
    func testCancelKeepsTheGivenReasonAndRefusesAnOrderNoLongerActive() throws {
        try suite.cancelKeepsTheGivenReasonAndRefusesAnOrderNoLongerActive()
    }
    func testGoodTillDateOrdersCarryTheirExpiry() throws { try suite.goodTillDateOrdersCarryTheirExpiry() }
    func testARepeatedClientOrderIDAnswersTheFirstOrderWith200AndPlacesNothing() throws {
        try suite.aRepeatedClientOrderIDAnswersTheFirstOrderWith200AndPlacesNothing()
    }
    func testConcurrentRetriesOfAFilledMarketOrderPlaceItOnce() throws { try suite.concurrentRetriesOfAFilledMarketOrderPlaceItOnce() }
    func testRefusedCreatesAnswerTheirErrorAndCreateNoOrder() throws { try suite.refusedCreatesAnswerTheirErrorAndCreateNoOrder() }
    func testUnknownAndMalformedOrderIDsAreNotFoundAndInvalid() throws { try suite.unknownAndMalformedOrderIDsAreNotFoundAndInvalid() }
    func testOrdersNeedATokenAndTradingNeedsTheTraderRole() throws { try suite.ordersNeedATokenAndTradingNeedsTheTraderRole() }
    func testWhenSentSIGTERMTheServerExitsCleanly() { assertServerExitsCleanlyOnSIGTERM() }
}
