import Foundation
import XCTest

/// REST agrees with the stream: the price, the forming candle and the book a client reads over
/// REST are the ones the stream just carried. The server trades each symbol every 3 s, so
/// between two trades the market stands still and both sides must say exactly the same.
extension ContractSuite {
    func restAgreesWithTheStream() throws {
        let viewer = try account("viewer").client
        let socket = try webSocket()
        defer { socket.close() }
        let channels: JSONInstance = ["market:GOOG", "kline:GOOG:1m", "orderbook:GOOG"]
        try socket.send(["type": "subscribe", "channels": channels])
        XCTAssertEqual(try socket.receive(), ["type": "subscribed", "channels": channels])
        var agreed = false
        for _ in 0..<3 where !agreed {
            // One publish after a trade: its ticker first, then the trade, the candle and the book.
            var trade: JSONInstance?, ticker: JSONInstance?, kline: JSONInstance?, book: JSONInstance?
            _ = try socket.receive(within: 8) { message in
                switch message["type"]?.string {
                case "ticker": (ticker, trade, kline, book) = (message, nil, nil, nil)
                case "trade" where ticker != nil: trade = message
                case "kline" where ticker != nil: kline = message
                case "order_book" where ticker != nil: book = message
                default: break
                }
                return trade != nil && kline != nil && book != nil
            }
            let (streamTrade, streamTicker, streamKline, streamBook) = (try XCTUnwrap(trade), try XCTUnwrap(ticker), try XCTUnwrap(kline),
                                                                      try XCTUnwrap(book))
            let price = try viewer.call("getMarketPrice", path: ["symbol": "GOOG"])
            let klines = try viewer.call("getMultiTimeframeKlines", query: ["symbol": "GOOG", "timeframes": "1m", "limit": "1"])
            let restBook = try viewer.call("getOrderBook", path: ["symbol": "GOOG"], query: ["depth": "100"])
            XCTAssertEqual(price.status, 200, price.message.summary)
            let tradeTime = try XCTUnwrap(streamTrade["timestamp"]?.integer)
            let priceTime = try XCTUnwrap(price["timestamp"].string.flatMap(Self.date))
            // The next trade came between the stream and the reads: try again.
            guard Int((priceTime.timeIntervalSince1970 * 1000).rounded()) == tradeTime else { continue }
            agreed = true
            XCTAssertEqual(price["price"], streamTrade["price"] ?? .null, "REST's price is the streamed trade's")
            XCTAssertEqual(price["price"], streamTicker["price"] ?? .null, "and the ticker's")
            XCTAssertEqual(price["volume"], streamTicker["volume_24h"] ?? .null, "the 24-hour volume both ways")
            let candle = try XCTUnwrap(klines["data"]["1m"]?[0], klines.message.summary)
            let streamed = try XCTUnwrap(streamKline["data"])
            for field in ["open", "high", "low", "close", "volume"] {
                XCTAssertEqual(candle[field], streamed[field], "the forming 1m candle's \(field)")
            }
            let candleTime = try XCTUnwrap(candle["timestamp"]?.string.flatMap(Self.date))
            XCTAssertEqual(Int(candleTime.timeIntervalSince1970 * 1000), streamed["timestamp"]?.integer)
            XCTAssertEqual(restBook["bids"], streamBook["bids"] ?? .null, "the book both ways")
            XCTAssertEqual(restBook["asks"], streamBook["asks"] ?? .null)
        }
        XCTAssertTrue(agreed, "three rounds in a row saw a trade between the stream and the REST reads")
    }
}

/// A server whose market trades every 3 s and publishes every 50 ms.
class MarketAgreementContractTestCase: ContractTestCase {
    override class var serverArguments: [String] { super.serverArguments + ["--feed-tick-ms", "3000"] }
}

/// REST and the stream on SQLite.
final class SQLiteMarketAgreementContractTests: MarketAgreementContractTestCase {
    override class var backend: ContractBackend { .sqlite }
    func testRESTAgreesWithTheStream() throws { try suite.restAgreesWithTheStream() }
}

/// REST and the stream on PostgreSQL.
final class PostgresMarketAgreementContractTests: MarketAgreementContractTestCase {
    override class var backend: ContractBackend { .postgres }
    func testRESTAgreesWithTheStream() throws { try suite.restAgreesWithTheStream() }
}
