import XCTest
@testable import Generated
import Primitives
import APIRuntime

/// The DTOs generated from openapi.yaml: encoding in spec field order, decoding that
/// reports every failing field by path, and validation of the schema keywords.
final class GeneratedModelTests: XCTestCase {
    private func decode<T: JSONDecodable>(_ type: T.Type, _ json: String) -> (T?, [FieldIssue]) {
        var issues: [FieldIssue] = []
        guard let value = try? JSONParser.parse(json) else { XCTFail("bad test JSON"); return (nil, []) }
        return (T.decode(value, at: "body", issues: &issues), issues)
    }

    private func encoded<T: JSONEncodable>(_ value: T) -> String {
        String(decoding: JSONWriter.encode(value), as: UTF8.self)
    }

    func testOrderEncodesInSpecFieldOrderWithNullsForRequiredNullableFields() {
        let order = Order(
            id: "b3e1c2d4-5f60-4a7b-8c9d-0e1f2a3b4c5d", exchangeOrderId: "12345", symbol: "BTC/USDT", side: .buy,
            orderType: .limit, quantity: "0.1", filledQuantity: "0.05", price: "50000", averageFillPrice: nil,
            status: .partiallyFilled, strategyId: "grid_btc", createdAt: "2026-01-28T12:00:00Z", updatedAt: "2026-01-28T12:05:00Z",
            timeInForce: .gtc, fee: "1.25")
        XCTAssertEqual(encoded(order), """
        {"id":"b3e1c2d4-5f60-4a7b-8c9d-0e1f2a3b4c5d","exchange_order_id":"12345","symbol":"BTC/USDT","side":"Buy",\
        "order_type":"Limit","quantity":"0.1","filled_quantity":"0.05","price":"50000","average_fill_price":null,\
        "status":"PartiallyFilled","strategy_id":"grid_btc","created_at":"2026-01-28T12:00:00Z","updated_at":"2026-01-28T12:05:00Z",\
        "time_in_force":"GTC","expires_at":null,"client_order_id":null,"fee":"1.25","cancel_reason":null}
        """)
    }

    func testValidCreateOrderRequestDecodes() {
        let (request, issues) = decode(CreateOrderRequest.self, #"{"symbol":"BTC/USDT","side":"Buy","order_type":"Limit","quantity":"0.1","price":"50000"}"#)
        XCTAssertEqual(issues, [])
        XCTAssertEqual(request, .pricedOrderRequest(PricedOrderRequest(
            symbol: "BTC/USDT", side: .buy, orderType: .limit, quantity: "0.1", price: "50000")))
    }

    func testMarketOrderDecodesWithoutPriceAndEncodesItsOrderType() {
        let (request, issues) = decode(CreateOrderRequest.self, #"{"symbol":"BTC/USDT","side":"Sell","order_type":"Market","quantity":"2"}"#)
        XCTAssertEqual(issues, [])
        XCTAssertEqual(request, .marketOrderRequest(MarketOrderRequest(symbol: "BTC/USDT", side: .sell, quantity: "2")))
        XCTAssertEqual(encoded(request!), #"{"symbol":"BTC/USDT","side":"Sell","order_type":"Market","quantity":"2"}"#)
    }

    func testPricedOrderTypesNeedAPrice() {
        for orderType in ["Limit", "StopLoss", "TakeProfit"] {
            let (request, issues) = decode(
                CreateOrderRequest.self, #"{"symbol":"BTC/USDT","side":"Buy","order_type":"\#(orderType)","quantity":"1"}"#)
            XCTAssertNil(request, orderType)
            XCTAssertEqual(issues, [FieldIssue("body.price", "is required")], orderType)
        }
    }

    func testMarketOrderRefusesAPrice() {
        let (request, issues) = decode(
            CreateOrderRequest.self, #"{"symbol":"BTC/USDT","side":"Buy","order_type":"Market","quantity":"1","price":"5"}"#)
        XCTAssertNil(request)
        XCTAssertEqual(issues, [FieldIssue("body.price", "is not a known field")])
    }

    func testPricedOrderTakesATimeInForceAnExpiryAndAClientOrderId() {
        let (request, issues) = decode(CreateOrderRequest.self, """
        {"symbol":"BTC/USDT","side":"Buy","order_type":"Limit","quantity":"0.1","price":"50000",\
        "time_in_force":"GTD","expires_at":"2026-01-29T12:00:00Z","client_order_id":"manual-20260128:001"}
        """)
        XCTAssertEqual(issues, [])
        XCTAssertEqual(request, .pricedOrderRequest(PricedOrderRequest(
            symbol: "BTC/USDT", side: .buy, orderType: .limit, quantity: "0.1", price: "50000",
            timeInForce: .gtd, expiresAt: "2026-01-29T12:00:00Z", clientOrderId: "manual-20260128:001")))
    }

    func testMarketOrderTakesAClientOrderIdButNoTimeInForce() {
        let (request, issues) = decode(
            CreateOrderRequest.self, #"{"symbol":"BTC/USDT","side":"Sell","order_type":"Market","quantity":"2","client_order_id":"retry-1"}"#)
        XCTAssertEqual(issues, [])
        XCTAssertEqual(request, .marketOrderRequest(MarketOrderRequest(symbol: "BTC/USDT", side: .sell, quantity: "2", clientOrderId: "retry-1")))
        let (timed, timedIssues) = decode(
            CreateOrderRequest.self, #"{"symbol":"BTC/USDT","side":"Sell","order_type":"Market","quantity":"2","time_in_force":"IOC"}"#)
        XCTAssertNil(timed)
        XCTAssertEqual(timedIssues, [FieldIssue("body.time_in_force", "is not a known field")])
    }

    func testClientOrderIdKeepsToItsCharactersAndLength() {
        for id in ["", "has space", "slash/no", String(repeating: "a", count: 65)] {
            let (request, issues) = decode(
                CreateOrderRequest.self, #"{"symbol":"BTC/USDT","side":"Buy","order_type":"Market","quantity":"1","client_order_id":"\#(id)"}"#)
            XCTAssertNil(request, id)
            XCTAssertEqual(Set(issues.map(\.field)), ["body.client_order_id"], id)
        }
    }

    func testMarginLeverageIsFromOneToAHundred() {
        for leverage in ["1", "2.5", "100", "100.0"] {
            let (_, issues) = decode(
                OpenPortfolioPositionRequest.self, #"{"symbol":"BTC-USDT","size":"1","type":"short","leverage":"\#(leverage)"}"#)
            XCTAssertEqual(issues, [], leverage)
        }
        for leverage in ["0", "0.5", "100.5", "101", "-2"] {
            let (request, issues) = decode(
                OpenPortfolioPositionRequest.self, #"{"symbol":"BTC-USDT","size":"1","type":"long","leverage":"\#(leverage)"}"#)
            XCTAssertNil(request, leverage)
            XCTAssertEqual(issues.map(\.field), ["body.leverage"], leverage)
        }
    }

    func testOrderWithoutAKnownOrderTypeNamesTheTypes() {
        let (request, issues) = decode(CreateOrderRequest.self, #"{"symbol":"BTC/USDT","side":"Buy","quantity":"1"}"#)
        XCTAssertNil(request)
        XCTAssertEqual(issues, [FieldIssue("body.order_type", "must be one of Market, Limit, StopLoss, TakeProfit")])
    }

    func testEveryBrokenFieldIsReportedByPath() {
        let (request, issues) = decode(
            PricedOrderRequest.self, #"{"symbol":"BTC USDT","side":"buy","quantity":0.1,"price":"1e5","extra":1}"#)
        XCTAssertNil(request)
        XCTAssertEqual(issues.map(\.field), ["body.symbol", "body.side", "body.order_type", "body.quantity", "body.price", "body.extra"])
        XCTAssertEqual(issues[1].message, "must be one of Buy, Sell")
        XCTAssertEqual(issues[2].message, "is required")
        XCTAssertEqual(issues[3].message, "must be a string, not a number")
        XCTAssertEqual(issues[5].message, "is not a known field")
    }

    func testNullIsRefusedWhereTheSchemaIsNotNullable() {
        let (_, issues) = decode(CreateOrderRequest.self, #"{"symbol":null,"side":"Buy","order_type":"Market","quantity":"1"}"#)
        XCTAssertEqual(issues, [FieldIssue("body.symbol", "must not be null")])
    }

    func testDiscriminatedUnionDecodesByType() {
        let (message, issues) = decode(WsClientMessage.self, #"{"type":"subscribe","channels":["market:BTC-USDT","orders"]}"#)
        XCTAssertEqual(issues, [])
        XCTAssertEqual(message, .subscribe(WsSubscribe(channels: ["market:BTC-USDT", "orders"])))
        XCTAssertEqual(encoded(message!), #"{"type":"subscribe","channels":["market:BTC-USDT","orders"]}"#)
    }

    func testUnknownDiscriminatorNamesTheAllowedValues() {
        let (message, issues) = decode(WsClientMessage.self, #"{"type":"dance"}"#)
        XCTAssertNil(message)
        XCTAssertEqual(issues, [FieldIssue("body.type", "must be one of subscribe, unsubscribe, ping, auth")])
    }

    func testMarketRequestsAreToldApartByChannel() {
        let (book, issues) = decode(WsMarketRequest.self, #"{"action":"subscribe","channel":"orderbook","symbol":"BTC-USDT"}"#)
        XCTAssertEqual(issues, [])
        XCTAssertEqual(book, .orderbook(WsMarketOrderBookRequest(action: .subscribe, symbol: "BTC-USDT", depth: 10)))
        let (prices, none) = decode(WsMarketRequest.self, #"{"action":"unsubscribe","channel":"market","symbols":["ETH-USDT"]}"#)
        XCTAssertEqual(none, [])
        XCTAssertEqual(prices, .market(WsMarketPricesRequest(action: .unsubscribe, symbols: ["ETH-USDT"])))
    }

    func testOrderBookRequestNeedsASymbolAndMarketRequestSymbols() {
        let (book, bookIssues) = decode(WsMarketRequest.self, #"{"action":"subscribe","channel":"orderbook","symbols":["BTC-USDT"]}"#)
        XCTAssertNil(book)
        XCTAssertEqual(bookIssues, [FieldIssue("body.symbol", "is required"), FieldIssue("body.symbols", "is not a known field")])
        let (prices, priceIssues) = decode(WsMarketRequest.self, #"{"action":"subscribe","channel":"market","symbol":"BTC-USDT"}"#)
        XCTAssertNil(prices)
        XCTAssertEqual(priceIssues, [FieldIssue("body.symbols", "is required"), FieldIssue("body.symbol", "is not a known field")])
    }

    func testArrayConstraintsAreCheckedPerItem() {
        let (_, issues) = decode(WsClientMessage.self, #"{"type":"subscribe","channels":["ok",""]}"#)
        XCTAssertEqual(issues.map(\.field), ["body.channels[1]"])
        let (_, empty) = decode(WsClientMessage.self, #"{"type":"subscribe","channels":[]}"#)
        XCTAssertEqual(empty, [FieldIssue("body.channels", "must have at least 1 items")])
    }

    func testObjectMemberCountIsChecked() {
        let (empty, issues) = decode(UpdateUserRequest.self, "{}")
        XCTAssertNil(empty)
        XCTAssertEqual(issues, [FieldIssue("body", "must have at least 1 properties")])
        let (change, none) = decode(UpdateUserRequest.self, #"{"disabled":true}"#)
        XCTAssertEqual(none, [])
        XCTAssertEqual(change, UpdateUserRequest(disabled: true))
    }

    func testMapsKeepTheOrderTheyWereBuiltIn() {
        let candle = Candle(timestamp: "2026-01-28T12:00:00Z", open: "1", high: "2", low: "0.5", close: "1.5", volume: "10")
        let klines = MultiTimeframeKlines(symbol: "005930", data: JSONMap([("5m", [candle]), ("1m", [])]))
        XCTAssertTrue(encoded(klines).hasPrefix(#"{"symbol":"005930","data":{"5m":[{"timestamp":"2026-01-28T12:00:00Z""#))
        XCTAssertTrue(encoded(klines).hasSuffix(#""1m":[]}}"#))
    }

    func testErrorCodesCarryTheirStatusAndMessage() {
        XCTAssertEqual(ErrorCode.missingToken.httpStatus, 401)
        XCTAssertEqual(ErrorCode.port001.httpStatus, 422)
        XCTAssertEqual(ErrorCode.rateLimited.httpStatus, 429)
        XCTAssertFalse(ErrorCode.internalError.defaultMessage.isEmpty)
    }

    func testTheEmbeddedSpecIsTheSourceDocument() throws {
        XCTAssertTrue(OpenAPISpec.yaml.hasPrefix("openapi: "))
        let json = try JSONParser.parse(OpenAPISpec.json)
        XCTAssertEqual(json["openapi"], .string("3.1.0"))
        guard case .object(let paths)? = json["paths"] else { return XCTFail("no paths") }
        XCTAssertEqual(Set(paths.map(\.key)).count, Set(APIOperation.all.map(\.path)).count)
    }

    func testWebSocketChannelsMatchTheirPatterns() throws {
        let ws = try XCTUnwrap(WebSocketSpec.endpoints.first { $0.path == "/ws" })
        let kline = try XCTUnwrap(ws.channel(matching: "kline:005930:1m"))
        XCTAssertEqual(kline.parameters, ["symbol": "005930", "timeframe": "1m"])
        XCTAssertEqual(ws.channel(matching: "orders")?.spec.requiredLevel, .viewer)
        XCTAssertNil(ws.channel(matching: "market:"))
        XCTAssertNil(ws.channel(matching: "xyz"))
    }

    func testWebSocketChannelParametersAreCheckedAgainstTheirSchemas() throws {
        let ws = try XCTUnwrap(WebSocketSpec.endpoints.first { $0.path == "/ws" })
        XCTAssertNotNil(ws.channel(matching: "kline:BTC/USDT:1M"))
        XCTAssertNil(ws.channel(matching: "kline:005930:7m"), "7m is not a Timeframe")
        XCTAssertNil(ws.channel(matching: "kline:BTC USDT:1m"), "a symbol has no spaces")
        XCTAssertNil(ws.channel(matching: "market:" + String(repeating: "A", count: 33)), "a symbol has at most 32 characters")
        XCTAssertNotNil(ws.channel(matching: "orderbook:ETH-USDT"))
    }
}
