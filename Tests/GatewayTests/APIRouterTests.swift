import Foundation
import XCTest
@testable import Generated
import APIRuntime
import Gateway

/// The generated router end to end: route, role, input validation, handler, rendering.
final class APIRouterTests: XCTestCase {
    private struct Orders: OrdersAPI {
        func listOrders(_ input: ListOrdersInput, context: RequestContext) async throws -> ListOrdersOutput {
            .ok(OrderList(orders: [], total: input.limit))
        }

        func getOrder(_ input: GetOrderInput, context: RequestContext) async throws -> GetOrderOutput {
            throw APIError(.orderNotFound, message: "Order \(input.id) not found")
        }
    }

    /// Answers what its input decoded to, so that a test can see what reached the handler.
    private struct Analysis: AnalysisAPI {
        func getPrediction(_ input: GetPredictionInput, context: RequestContext) async throws -> GetPredictionOutput {
            throw APIError(.market001, message: "\(input.symbol) \(input.timeframe.rawValue) \(input.model.rawValue)")
        }
    }

    private let router = APIRouter(handlers: APIHandlers(orders: Orders(), analysis: Analysis()))
    private let viewer = Principal(userID: "1", username: "ann", level: .viewer)

    private func send(
        _ method: String, _ target: String, body: String = "", principal: Principal? = nil
    ) async -> (status: Int, body: String, headers: [(name: String, value: String)]) {
        let request = RouteRequest(method: method, target: target, body: Array(body.utf8), contentType: "application/json")
        let response = await router.respond(to: request, context: RequestContext(requestID: "req-1", principal: principal))
        return (response.status, String(decoding: response.body, as: UTF8.self), response.headers)
    }

    func testHandlerAnswersWithDecodedInputAndDefaults() async {
        let response = await send("GET", "/api/v1/orders", principal: viewer)
        XCTAssertEqual(response.status, 200)
        XCTAssertEqual(response.body, #"{"orders":[],"total":100}"#)
        let limited = await send("GET", "/api/v1/orders?limit=7", principal: viewer)
        XCTAssertEqual(limited.body, #"{"orders":[],"total":7}"#)
    }

    func testAnonymousCallerOfAProtectedOperationGetsMissingToken() async {
        let response = await send("GET", "/api/v1/orders")
        XCTAssertEqual(response.status, 401)
        XCTAssertEqual(response.body, #"{"code":"MISSING_TOKEN","message":"\#(ErrorCode.missingToken.defaultMessage)","request_id":"req-1"}"#)
    }

    func testLowerRoleGetsInsufficientPermission() async {
        let response = await send("POST", "/api/v1/orders", body: "{}", principal: viewer)
        XCTAssertEqual(response.status, 403)
        XCTAssertTrue(response.body.hasPrefix(#"{"code":"INSUFFICIENT_PERMISSION""#))
    }

    func testInvalidQueryIsAValidationErrorWithDetails() async {
        let response = await send("GET", "/api/v1/orders?limit=0&offset=x", principal: viewer)
        XCTAssertEqual(response.status, 400)
        XCTAssertTrue(response.body.contains(#""code":"VALIDATION_ERROR""#))
        XCTAssertTrue(response.body.contains(#"{"field":"query.limit","message":"must be at least 1"}"#), response.body)
        XCTAssertTrue(response.body.contains(#"{"field":"query.offset","message":"must be an integer"}"#), response.body)
    }

    func testMalformedJSONBodyIsAValidationError() async {
        let trader = Principal(userID: "2", username: "bob", level: .trader)
        let response = await send("POST", "/api/v1/orders", body: #"{"symbol": "#, principal: trader)
        XCTAssertEqual(response.status, 400)
        XCTAssertTrue(response.body.contains("malformed JSON at byte"), response.body)
    }

    func testABodyNamingAMemberTwiceIsAValidationErrorNamingItsPath() async {
        let trader = Principal(userID: "2", username: "bob", level: .trader)
        let order = #"{"symbol":"BTC/USDT","side":"Buy","order_type":"Market","quantity":"1","quantity":"100"}"#
        let response = await send("POST", "/api/v1/orders", body: order, principal: trader)
        XCTAssertEqual(response.status, 400)
        XCTAssertTrue(response.body.hasPrefix(#"{"code":"VALIDATION_ERROR","message":"Invalid request: body.quantity is given more than once""#),
                      response.body)
        XCTAssertTrue(response.body.contains(#""details":[{"field":"body.quantity","message":"is given more than once"}]"#), response.body)
        let nested = await send("POST", "/api/v1/strategies", body: #"{"id":"s","config":{"levels":[{"p":1,"p":2}]}}"#, principal: trader)
        XCTAssertEqual(nested.status, 400)
        XCTAssertTrue(nested.body.contains(#""details":[{"field":"body.config.levels[0].p","message":"is given more than once"}]"#),
                      nested.body)
    }

    func testOrderOfAPricedTypeWithoutAPriceIsRefusedBeforeTheHandler() async {
        let trader = Principal(userID: "2", username: "bob", level: .trader)
        let body = #"{"symbol":"BTC/USDT","side":"Buy","order_type":"Limit","quantity":"1"}"#
        let response = await send("POST", "/api/v1/orders", body: body, principal: trader)
        XCTAssertEqual(response.status, 400)
        XCTAssertTrue(response.body.hasPrefix(#"{"code":"VALIDATION_ERROR","message":"Invalid request: body.price is required""#),
                      response.body)
        XCTAssertTrue(response.body.contains(#""details":[{"field":"body.price","message":"is required"}]"#), response.body)
        let market = await send("POST", "/api/v1/orders", body: #"{"symbol":"BTC/USDT","side":"Buy","order_type":"Market","quantity":"1"}"#,
                                principal: trader)
        XCTAssertEqual(market.status, 501, "a valid order reaches createOrder, which is not implemented yet")
    }

    func testPercentEncodedSlashInASymbolReachesTheHandlerDecodedOnce() async {
        let response = await send("GET", "/api/v1/analysis/prediction/BTC%2FUSDT", principal: viewer)
        XCTAssertTrue(response.body.hasPrefix(#"{"code":"MARKET_001","message":"BTC/USDT 1d ensemble""#), response.body)
        let twice = await send("GET", "/api/v1/analysis/prediction/BTC%252FUSDT", principal: viewer)
        XCTAssertEqual(twice.status, 400, "decoded once, BTC%2FUSDT is no symbol")
        XCTAssertTrue(twice.body.contains(#""field":"path.symbol""#), twice.body)
    }

    func testQueryEnumsReferencingANamedSchemaKeepTheirDefaultAndAreValidated() async {
        let chosen = await send("GET", "/api/v1/analysis/prediction/005930?timeframe=4h&model=lstm", principal: viewer)
        XCTAssertTrue(chosen.body.hasPrefix(#"{"code":"MARKET_001","message":"005930 4h lstm""#), chosen.body)
        let wrong = await send("GET", "/api/v1/analysis/prediction/005930?timeframe=5m", principal: viewer)
        XCTAssertEqual(wrong.status, 400)
        XCTAssertTrue(wrong.body.contains(#"{"field":"query.timeframe","message":"must be one of 1h, 4h, 1d"}"#), wrong.body)
    }

    func testHandlerErrorsRenderWithTheirCode() async {
        let id = "b3e1c2d4-5f60-4a7b-8c9d-0e1f2a3b4c5d"
        let response = await send("GET", "/api/v1/orders/\(id)", principal: viewer)
        XCTAssertEqual(response.status, 404)
        XCTAssertTrue(response.body.hasPrefix(#"{"code":"ORDER_NOT_FOUND","message":"Order \#(id) not found""#), response.body)
    }

    /// A parameter's own refusal (`x-error-code`) answers its code before the handler runs:
    /// an order id that is not a UUID is document A's `INVALID_ORDER_ID`, naming the field.
    func testAParameterRefusedByItsSchemaAnswersItsOwnCode() async {
        let response = await send("GET", "/api/v1/orders/abc", principal: viewer)
        XCTAssertEqual(response.status, 400)
        XCTAssertTrue(response.body.hasPrefix(#"{"code":"INVALID_ORDER_ID","message":"Invalid request: "#), response.body)
        XCTAssertTrue(response.body.contains(#""field":"path.id""#), response.body)
    }

    func testStaticRouteIsChosenBeforeTheParameterRoute() async {
        let response = await send("GET", "/api/v1/orders/stats", principal: viewer)
        XCTAssertEqual(response.status, 501, "getOrderStats is not implemented yet, so it must be the one answering")
        XCTAssertTrue(response.body.hasPrefix(#"{"code":"NOT_IMPLEMENTED""#))
    }

    func testUnimplementedPublicOperationAnswers501() async {
        let response = await send("GET", "/health")
        XCTAssertEqual(response.status, 501)
    }

    func testUnknownPathIs404AndWrongMethodIs405WithAllow() async {
        let missing = await send("GET", "/api/v1/nope")
        XCTAssertEqual(missing.status, 404)
        XCTAssertTrue(missing.body.hasPrefix(#"{"code":"NOT_FOUND""#))
        let wrong = await send("PATCH", "/api/v1/orders")
        XCTAssertEqual(wrong.status, 405)
        XCTAssertEqual(wrong.headers.first { $0.name == "Allow" }?.value, "GET, HEAD, POST")
    }

    func testEveryOperationIsRoutableFromItsOwnTemplate() {
        for operation in APIOperation.all {
            let path = operation.path.replacingOccurrences(of: #"\{[^}]+\}"#, with: "x1", options: .regularExpression)
            guard case .operation(let found, _) = router.resolve(method: operation.method, path: path) else {
                return XCTFail("\(operation.method) \(path) did not resolve")
            }
            XCTAssertEqual(found.id, operation.id, "\(operation.method) \(path)")
        }
    }
}
