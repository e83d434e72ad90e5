import XCTest

/// Orders as far as they go today: `createOrder` answers 501 for a valid body until the
/// paper exchange is wired in, but the generated router refuses a body breaking the spec's
/// order rules (`CreateOrderRequest`, told apart by `order_type`) before that.
extension ContractSuite {
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
}

/// Order requests on SQLite.
final class SQLiteOrderContractTests: SQLiteContractTestCase {
    func testPricedOrderWithoutAPriceIsAValidationError() throws { try suite.pricedOrderWithoutAPriceIsAValidationError() }
    func testMarketOrderWithAPriceIsAValidationError() throws { try suite.marketOrderWithAPriceIsAValidationError() }
    func testWhenSentSIGTERMTheServerExitsCleanly() { assertServerExitsCleanlyOnSIGTERM() }
}

/// Order requests on PostgreSQL.
final class PostgresOrderContractTests: PostgresContractTestCase {
    func testPricedOrderWithoutAPriceIsAValidationError() throws { try suite.pricedOrderWithoutAPriceIsAValidationError() }
    func testMarketOrderWithAPriceIsAValidationError() throws { try suite.marketOrderWithAPriceIsAValidationError() }
    func testWhenSentSIGTERMTheServerExitsCleanly() { assertServerExitsCleanlyOnSIGTERM() }
}
