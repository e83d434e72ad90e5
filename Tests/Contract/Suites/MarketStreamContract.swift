import Foundation
import Primitives
import XCTest

/// The market streams: `ticker`, `trade`, `kline` and `order_book` on `/ws`, and `/ws/market`'s
/// price and order book pushes, each held to the endpoint's `serverMessage` schema by
/// `ContractWebSocket`, with what they say checked for sense. The contract servers publish
/// every 50 ms (`ContractTestCase.marketArguments`).
extension ContractSuite {
    /// The demo universe, in market form.
    static let demoSymbols = ["BTC-USDT", "ETH-USDT", "EUR-USD", "GOOG", "005930", "000660", "035720"]
    /// The stream tests' server: the shared one with books of 100 levels a side, the most a
    /// book message carries, so that a paused reader's backlog is heavy.
    static let marketStreamServerArguments = ContractTestCase.serverArguments + ["--book-levels", "100"]

    func everyMarketMessageTypeArrivesOnItsChannel() throws {
        let socket = try webSocket()
        defer { socket.close() }
        let channels: JSONInstance = ["market:BTC-USDT", "kline:BTC-USDT:1m", "orderbook:BTC-USDT", "all_markets"]
        try socket.send(["type": "subscribe", "channels": channels])
        XCTAssertEqual(try socket.receive(), ["type": "subscribed", "channels": channels])
        var seen: [String: JSONInstance] = [:]
        var tickerSymbols: Set<String> = []
        _ = try socket.receive(within: 5) { message in
            guard let type = message["type"]?.string else { return false }
            if type == "ticker", let symbol = message["symbol"]?.string { tickerSymbols.insert(symbol) }
            if type != "ticker" || message["symbol"] == "BTC-USDT" { seen[type] = message }
            return ["ticker", "trade", "kline", "order_book"].allSatisfy { seen[$0] != nil } && tickerSymbols.count > 1
        }
        XCTAssertTrue(tickerSymbols.isSubset(of: Self.demoSymbols), "tickers of the market's symbols: \(tickerSymbols)")

        let ticker = try XCTUnwrap(seen["ticker"])
        let price = try decimal(ticker["price"])
        XCTAssertLessThanOrEqual(try decimal(ticker["low_24h"]), price, ticker.text)
        XCTAssertLessThanOrEqual(price, try decimal(ticker["high_24h"]), ticker.text)
        assertRecent(ticker["timestamp"])

        let trade = try XCTUnwrap(seen["trade"])
        XCTAssertEqual(trade["symbol"], "BTC-USDT")
        XCTAssertNotNil(Int(trade["trade_id"]?.string ?? ""), "trade ids number the trades: \(trade.text)")
        XCTAssertGreaterThan(try decimal(trade["quantity"]), .zero, trade.text)
        assertRecent(trade["timestamp"])

        let kline = try XCTUnwrap(seen["kline"])
        XCTAssertEqual(kline["symbol"], "BTC-USDT")
        XCTAssertEqual(kline["timeframe"], "1m")
        let candle = try XCTUnwrap(kline["data"])
        let (open, high, low, close) = (try decimal(candle["open"]), try decimal(candle["high"]), try decimal(candle["low"]),
                                        try decimal(candle["close"]))
        XCTAssertTrue(low <= open && open <= high && low <= close && close <= high, "a candle's prices: \(kline.text)")
        let start = try XCTUnwrap(candle["timestamp"]?.integer)
        XCTAssertEqual(start % 60_000, 0, "a 1m candle opens on a minute")
        assertRecent(candle["timestamp"], within: 120_000)

        let book = try XCTUnwrap(seen["order_book"])
        XCTAssertEqual(book["symbol"], "BTC-USDT")
        try assertSane(book, maximumLevels: 100)
        assertRecent(book["timestamp"])
    }

    func bothSymbolFormsReachOneStream() throws {
        let dash = try webSocket(), slash = try webSocket()
        defer {
            dash.close()
            slash.close()
        }
        try dash.send(["type": "subscribe", "channels": ["market:BTC-USDT"]])
        XCTAssertEqual(try dash.receive(), ["type": "subscribed", "channels": ["market:BTC-USDT"]])
        try slash.send(["type": "subscribe", "channels": ["market:BTC/USDT", "market:btc-usdt"]])
        XCTAssertEqual(try slash.receive(), ["type": "subscribed", "channels": ["market:BTC/USDT", "market:btc-usdt"]],
                       "the reply echoes the names as sent")
        // The same trades and tickers reach both: trade ids and ticker times in common, alike.
        var dashTrades: [String: JSONInstance] = [:], dashTickers: [Int: JSONInstance] = [:]
        _ = try dash.receive(within: 3) { message in
            if message["type"] == "trade", let id = message["trade_id"]?.string { dashTrades[id] = message }
            if message["type"] == "ticker", let time = message["timestamp"]?.integer { dashTickers[time] = message }
            return dashTrades.count >= 10 && dashTickers.count >= 10
        }
        var commonTrade = false, commonTicker = false
        var slashCount = 0
        _ = try slash.receive(within: 3) { message in
            guard let type = message["type"]?.string, type == "trade" || type == "ticker" else { return false }
            slashCount += 1
            XCTAssertEqual(message["symbol"], "BTC-USDT", "one stream, in the market form")
            if type == "trade", let id = message["trade_id"]?.string, let same = dashTrades[id] {
                XCTAssertEqual(message, same, "trade \(id) on both forms")
                commonTrade = true
            }
            if type == "ticker", let time = message["timestamp"]?.integer, let same = dashTickers[time] {
                XCTAssertEqual(message, same, "the ticker of \(time) on both forms")
                commonTicker = true
            }
            return commonTrade && commonTicker
        }
        XCTAssertLessThan(slashCount, 100, "two names of one channel are one subscription")

        // Unsubscribing in the other form works, and the stream stops.
        try slash.send(["type": "unsubscribe", "channels": ["market:BTC-USDT"]])
        XCTAssertEqual(try slash.receive(), ["type": "unsubscribed", "channels": ["market:BTC-USDT"]])
        try slash.send(["type": "ping"])
        XCTAssertEqual(try slash.receive()["type"], "pong")
        Thread.sleep(forTimeInterval: 0.3)
        try slash.send(["type": "ping"])
        let next = try slash.receive(within: 3) { _ in true }
        XCTAssertEqual(next["type"], "pong", "no market message after unsubscribing: \(next.text)")
    }

    func channelsOfUnknownSymbolsOrTimeframesAreRefused() throws {
        let socket = try webSocket()
        defer { socket.close() }
        let refused = ["kline:BTC-USDT:2m", "market:NOPE-USDT", "orderbook:ZZZ", "kline:NOPE:1m"]
        try socket.send(["type": "subscribe", "channels": .array((refused + ["market:ETH-USDT"]).map(JSONInstance.string))])
        for channel in refused {
            let error = try socket.receive()
            XCTAssertEqual(error["type"], "error", error.text)
            XCTAssertEqual(error["code"], "INVALID_CHANNEL", error.text)
            XCTAssertEqual(error["channel"], .string(channel), error.text)
        }
        XCTAssertEqual(try socket.receive(), ["type": "subscribed", "channels": ["market:ETH-USDT"]], "only the real channel")
        try socket.send(["type": "unsubscribe", "channels": ["market:NOPE-USDT", "market:ETH/USDT"]])
        XCTAssertEqual(try socket.receive(), ["type": "unsubscribed", "channels": ["market:ETH/USDT"]])
    }

    func marketDialectPushesPricesAndBooksOfTheRequestedDepth() throws {
        let shallow = try ContractWebSocket(port: server.port, path: "/ws/market", spec: spec)
        let standard = try ContractWebSocket(port: server.port, path: "/ws/market", spec: spec)
        defer {
            shallow.close()
            standard.close()
        }
        try shallow.send(["action": "subscribe", "channel": "market", "symbols": ["BTC/USDT", "NOPE-USDT"]])
        XCTAssertEqual(try shallow.receive(within: 3) { $0["code"] != nil }["code"], "INVALID_CHANNEL", "an unknown symbol")
        try shallow.send(["action": "subscribe", "channel": "orderbook", "symbol": "btc-usdt", "depth": 3])
        try standard.send(["action": "subscribe", "channel": "orderbook", "symbol": "BTC-USDT"])

        let price = try shallow.receive(within: 3) { $0["price"] != nil }
        XCTAssertEqual(price["symbol"], "BTC-USDT")
        XCTAssertGreaterThan(try decimal(price["price"]), .zero)
        XCTAssertNotNil(Timestamp.epochMilliseconds(iso8601: price["timestamp"]?.string ?? ""), "ISO 8601: \(price.text)")
        let book = try shallow.receive(within: 3) { $0["bids"] != nil }
        XCTAssertEqual(book["symbol"], "BTC-USDT")
        try assertSane(book, maximumLevels: 3)
        XCTAssertEqual(book["bids"]?.array?.count, 3, "the depth asked for")
        let deeper = try standard.receive(within: 3) { $0["bids"] != nil }
        try assertSane(deeper, maximumLevels: 10)
        XCTAssertEqual(deeper["asks"]?.array?.count, 10, "the spec's default depth")

        // Unsubscribing needs no depth, and stops the pushes.
        try shallow.send(["action": "unsubscribe", "channel": "orderbook", "symbol": "BTC-USDT"])
        try shallow.send(["action": "unsubscribe", "channel": "market", "symbols": ["BTC-USDT"]])
        Thread.sleep(forTimeInterval: 0.3)
        try shallow.send(text: "not json")
        _ = try shallow.receive(within: 3) { $0["code"] == "INVALID_MESSAGE" }
        Thread.sleep(forTimeInterval: 0.3)
        try shallow.send(text: "not json")
        let next = try shallow.receive(within: 3) { _ in true }
        XCTAssertEqual(next["code"], "INVALID_MESSAGE", "no push after unsubscribing: \(next.text)")
    }

    /// A reader that stops reading while a heavy stream flows (every symbol's book of 100
    /// levels a side and the tickers: some 30 KB each 50 ms) holds little in its kernel (a
    /// 16 KiB receive buffer), so the server queues the rest. Past 64 KiB queued, the server
    /// keeps only the newest message of each conflation key, and it leaves at most 128 KiB
    /// unsent in its kernel (`TCP_NOTSENT_LOWAT`); so on resuming the reader finds at most
    /// about 16 + 128 + 64 KiB of old messages (some seven publish rounds, two BTC tickers
    /// each) plus one per key, then the present. A 3-second pause publishes 60 rounds, 120 BTC
    /// tickers: without conflation the reader would go through them all. The bound allows a
    /// quarter of them.
    func aSlowReaderGetsTheNewestTickerNotABacklog() throws {
        let socket = try ContractWebSocket(port: server.port, path: "/ws", spec: spec, receiveBuffer: 16 << 10)
        defer { socket.close() }
        XCTAssertEqual(try socket.receive()["type"], "welcome")
        let books = Self.demoSymbols.map { "orderbook:" + $0 }
        try socket.send(["type": "subscribe", "channels": .array((["market:BTC-USDT", "all_markets"] + books).map(JSONInstance.string))])
        XCTAssertEqual(try socket.receive()["type"], "subscribed")
        _ = try socket.receive(within: 3) { $0["type"] == "ticker" && $0["symbol"] == "BTC-USDT" }

        let pause = 3.0
        Thread.sleep(forTimeInterval: pause)
        let resumed = Date()
        let fresh = Int(resumed.timeIntervalSince1970 * 1000) - 250
        var stale = 0
        // Only the awaited ticker is checked against the schema (the other tests check every
        // kind): checking 300 KB of books would make this reader slower than the stream.
        let newest = try socket.receiveChecking(within: 5) { message in
            guard message["type"] == "ticker", message["symbol"] == "BTC-USDT", let time = message["timestamp"]?.integer else { return false }
            if time >= fresh { return true }
            stale += 1
            return false
        }
        let published = Int(pause * 1000 / 50) * 2
        XCTAssertLessThanOrEqual(stale, published / 4, "old BTC tickers before the newest (\(published) published while paused)")
        XCTAssertLessThan(Date().timeIntervalSince(resumed), 2, "the newest ticker soon after resuming: \(newest.text)")
    }

    /// A decimal string of a message, or a failure naming it.
    private func decimal(_ value: JSONInstance?) throws -> ExactDecimal {
        try XCTUnwrap(value?.string.flatMap { ExactDecimal($0) }, "a decimal string: \(value?.text ?? "missing")")
    }

    /// Asserts epoch milliseconds within `within` ms of now.
    private func assertRecent(_ value: JSONInstance?, within: Int = 10_000, file: StaticString = #filePath, line: UInt = #line) {
        let now = Int(Date().timeIntervalSince1970 * 1000)
        guard let time = value?.integer else { return XCTFail("epoch milliseconds: \(value?.text ?? "missing")", file: file, line: line) }
        XCTAssertLessThan(abs(now - time), within, "epoch milliseconds, now", file: file, line: line)
    }

    /// Asserts a book with both sides present, at most `maximumLevels` levels a side, bids from
    /// the best (highest) down, asks from the best (lowest) up, positive sizes, not crossed.
    private func assertSane(_ book: JSONInstance, maximumLevels: Int, file: StaticString = #filePath, line: UInt = #line) throws {
        func side(_ name: String) throws -> [(price: ExactDecimal, quantity: ExactDecimal)] {
            try (book[name]?.array ?? []).map { (try decimal($0[0]), try decimal($0[1])) }
        }
        let bids = try side("bids"), asks = try side("asks")
        XCTAssertFalse(bids.isEmpty || asks.isEmpty, "both sides: \(book.excerpt())", file: file, line: line)
        XCTAssertLessThanOrEqual(max(bids.count, asks.count), maximumLevels, book.excerpt(), file: file, line: line)
        XCTAssertTrue(zip(bids, bids.dropFirst()).allSatisfy { $0.price > $1.price }, "bids best first: \(book.excerpt())", file: file, line: line)
        XCTAssertTrue(zip(asks, asks.dropFirst()).allSatisfy { $0.price < $1.price }, "asks best first: \(book.excerpt())", file: file, line: line)
        XCTAssertTrue((bids + asks).allSatisfy { $0.quantity > .zero }, book.excerpt(), file: file, line: line)
        if let bid = bids.first, let ask = asks.first {
            XCTAssertLessThan(bid.price, ask.price, "not crossed: \(book.excerpt())", file: file, line: line)
        }
    }
}

/// The market streams on SQLite.
final class SQLiteMarketStreamContractTests: SQLiteContractTestCase {
    override class var serverArguments: [String] { ContractSuite.marketStreamServerArguments }

    func testEveryMarketMessageTypeArrivesOnItsChannel() throws { try suite.everyMarketMessageTypeArrivesOnItsChannel() }
    func testBothSymbolFormsReachOneStream() throws { try suite.bothSymbolFormsReachOneStream() }
    func testChannelsOfUnknownSymbolsOrTimeframesAreRefused() throws { try suite.channelsOfUnknownSymbolsOrTimeframesAreRefused() }
    func testMarketDialectPushesPricesAndBooksOfTheRequestedDepth() throws { try suite.marketDialectPushesPricesAndBooksOfTheRequestedDepth() }
    func testASlowReaderGetsTheNewestTickerNotABacklog() throws { try suite.aSlowReaderGetsTheNewestTickerNotABacklog() }
    func testWhenSentSIGTERMTheServerExitsCleanly() { assertServerExitsCleanlyOnSIGTERM() }
}

/// The market streams on PostgreSQL.
final class PostgresMarketStreamContractTests: PostgresContractTestCase {
    override class var serverArguments: [String] { ContractSuite.marketStreamServerArguments }

    func testEveryMarketMessageTypeArrivesOnItsChannel() throws { try suite.everyMarketMessageTypeArrivesOnItsChannel() }
    func testBothSymbolFormsReachOneStream() throws { try suite.bothSymbolFormsReachOneStream() }
    func testChannelsOfUnknownSymbolsOrTimeframesAreRefused() throws { try suite.channelsOfUnknownSymbolsOrTimeframesAreRefused() }
    func testMarketDialectPushesPricesAndBooksOfTheRequestedDepth() throws { try suite.marketDialectPushesPricesAndBooksOfTheRequestedDepth() }
    func testASlowReaderGetsTheNewestTickerNotABacklog() throws { try suite.aSlowReaderGetsTheNewestTickerNotABacklog() }
    func testWhenSentSIGTERMTheServerExitsCleanly() { assertServerExitsCleanlyOnSIGTERM() }
}
