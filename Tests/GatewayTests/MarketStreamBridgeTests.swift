@testable import Engine
import Foundation
import Gateway
import Server
import XCTest

/// The engine's market updates as WebSocket messages, through a real server and real sockets:
/// the bridge is called as the engine thread calls it, with values chosen so that each
/// decimal, symbol form, side, time and depth can be read off the message.
final class MarketStreamBridgeTests: XCTestCase {
    private var server: HTTPServer?
    private let broadcaster = ChannelBroadcaster()
    private let bookDepths = OrderBookDepths()
    private lazy var bridge = MarketStreamBridge(broadcaster: broadcaster, bookDepths: bookDepths)
    private let bitcoin = SymbolUniverse.demo.resolve("BTC-USDT")!
    /// 2024-03-21T09:30:00.123Z.
    private let time = 1_711_013_400_123

    override func tearDown() {
        server?.shutdown()
        server = nil
        super.tearDown()
    }

    func testTickerRendersUnitsAsDecimalsOnItsSymbolChannelAndAllMarkets() throws {
        let client = try subscribed(["market:btc/usdt", "all_markets"])
        bridge.ticker(snapshot(price: 6_543_210, changeHundredths: -125))
        let expected = #"{"type":"ticker","symbol":"BTC-USDT","price":"65432.10","change_24h":"-1.25","volume_24h":"12.50000000","#
            + #""high_24h":"66000.00","low_24h":"64000.50","timestamp":1711013400123}"#
        XCTAssertEqual(text(client), expected)
        XCTAssertEqual(text(client), expected, "once more, for all_markets")
    }

    func testTradeIsNumberedByItsSequenceAndSidedByItsTaker() throws {
        let client = try subscribed(["market:BTC-USDT"])
        bridge.trade(bitcoin, Tick(time: time, price: 6_543_210, quantity: 100_000), sequence: 42, buyerTaker: false)
        bridge.trade(bitcoin, Tick(time: time + 50, price: 6_543_211, quantity: 1), sequence: 43, buyerTaker: true)
        XCTAssertEqual(text(client), #"{"type":"trade","symbol":"BTC-USDT","trade_id":"42","price":"65432.10","#
                       + #""quantity":"0.00100000","side":"Sell","timestamp":1711013400123}"#)
        XCTAssertEqual(text(client), #"{"type":"trade","symbol":"BTC-USDT","trade_id":"43","price":"65432.11","#
                       + #""quantity":"0.00000001","side":"Buy","timestamp":1711013400173}"#)
    }

    func testKlineGoesToItsTimeframesChannelStampedWithTheCandleOpen() throws {
        let client = try subscribed(["kline:BTC/USDT:1h"])
        let bar = Bar(start: 1_711_011_600_000, open: 100, high: 250, low: 50, close: 200, volume: 123_456_789)
        bridge.kline(bitcoin, .minute1, bar, closed: false)
        bridge.kline(bitcoin, .hour1, bar, closed: true)
        XCTAssertEqual(text(client), #"{"type":"kline","symbol":"BTC-USDT","timeframe":"1h","data":{"timestamp":1711011600000,"#
                       + #""open":"1.00","high":"2.50","low":"0.50","close":"2.00","volume":"1.23456789"}}"#,
                       "the 1m candle is not on the 1h channel")
    }

    func testOrderBookCarriesAtMostOneHundredLevelsBestFirst() throws {
        let client = try subscribed(["orderbook:BTC-USDT"])
        bridge.book(bitcoin, deepBook(levels: 120), time: time)
        let book = try XCTUnwrap(client.nextMessage())
        let bids = try XCTUnwrap(book["bids"] as? [[String]]), asks = try XCTUnwrap(book["asks"] as? [[String]])
        XCTAssertEqual(bids.count, 100)
        XCTAssertEqual(asks.count, 100)
        XCTAssertEqual(bids.first, ["9999.99", "0.00000001"])
        XCTAssertEqual(asks.first, ["10000.01", "0.00000001"])
        XCTAssertEqual(book["timestamp"] as? Int, time)
    }

    func testMarketDialectGetsTheDepthItAskedForWithISOTimes() throws {
        let port = try start()
        let client = try WebSocketTestClient(port: port, target: "/ws/market")
        client.send(json: ["action": "subscribe", "channel": "market", "symbols": ["BTC/USDT"]])
        client.send(json: ["action": "subscribe", "channel": "orderbook", "symbol": "btc-usdt", "depth": 2])
        try waitForSubscribers(MarketChannel.orderBook(bitcoin.key, depth: 2))
        bridge.ticker(snapshot(price: 6_543_210, changeHundredths: 0))
        bridge.book(bitcoin, deepBook(levels: 5), time: time)
        XCTAssertEqual(text(client), #"{"symbol":"BTC-USDT","price":"65432.10","timestamp":"2024-03-21T09:30:00.123Z","#
                       + #""volume":"12.50000000"}"#)
        XCTAssertEqual(text(client), #"{"symbol":"BTC-USDT","bids":[["9999.99","0.00000001"],["9999.98","0.00000002"]],"#
                       + #""asks":[["10000.01","0.00000001"],["10000.02","0.00000002"]],"timestamp":"2024-03-21T09:30:00.123Z"}"#)
    }

    func testMarketDialectRefusesSymbolsTheMarketDoesNotHave() throws {
        let port = try start()
        let client = try WebSocketTestClient(port: port, target: "/ws/market")
        client.send(json: ["action": "subscribe", "channel": "orderbook", "symbol": "NOPE-USDT"])
        XCTAssertEqual(text(client), #"{"code":"INVALID_CHANNEL","message":"Unknown symbol: NOPE-USDT"}"#)
    }

    // MARK: Helpers

    /// A `/ws` client past `welcome` and the `subscribed` answer to `channels`.
    private func subscribed(_ channels: [String]) throws -> WebSocketTestClient {
        let client = try WebSocketTestClient(port: try start())
        XCTAssertEqual(client.nextMessage()?["type"] as? String, "welcome")
        client.send(json: ["type": "subscribe", "channels": channels])
        XCTAssertEqual(client.nextMessage()?["channels"] as? [String], channels, "subscribed")
        return client
    }

    /// The next text message as sent, or "" when none arrives.
    private func text(_ client: WebSocketTestClient) -> String {
        guard let frame = client.nextFrame(), frame.opcode == .text else { return "" }
        return String(decoding: frame.payload, as: UTF8.self)
    }

    /// `/ws/market` answers nothing to a subscription: waits until the broadcaster has it.
    private func waitForSubscribers(_ channel: String) throws {
        let deadline = Date().addingTimeInterval(5)
        while broadcaster.subscriberCount(channel) == 0 {
            guard Date() < deadline else { return XCTFail("nobody subscribed \(channel)") }
            Thread.sleep(forTimeInterval: 0.01)
        }
    }

    private func snapshot(price: Int64, changeHundredths: Int64) -> SymbolSnapshot {
        SymbolSnapshot(spec: bitcoin, price: price, time: time, changeHundredths: changeHundredths, volume24h: 1_250_000_000,
                       high24h: 6_600_000, low24h: 6_400_050, book: L2Book(bids: [], asks: []), recent: [:], events: 1, replaysHistory: true)
    }

    /// A book around 10,000.00 with `levels` a side one cent apart, the n-th level holding n lots.
    private func deepBook(levels: Int) -> L2Book {
        L2Book(bids: (1...levels).map { BookLevel(price: 1_000_000 - Int64($0), quantity: Int64($0)) },
               asks: (1...levels).map { BookLevel(price: 1_000_000 + Int64($0), quantity: Int64($0)) })
    }

    /// Starts a server whose endpoint shares the bridge's broadcaster and depths; returns its port.
    private func start() throws -> Int {
        var configuration = ServerConfiguration()
        configuration.port = 0
        configuration.eventLoops = 1
        configuration.logRequests = false
        configuration.shutdownGracePeriod = 1
        let endpoint = TradingWebSocketEndpoint(broadcaster: broadcaster, symbols: { SymbolUniverse.demo.resolve($0) },
                                                bookDepths: bookDepths, metrics: Metrics(), version: "1.0.0")
        let started = try HTTPServer(configuration: configuration, responder: NotFoundResponder(), webSocketEndpoint: endpoint)
        try started.start()
        server = started
        return started.port
    }
}
