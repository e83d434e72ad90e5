import Foundation
import XCTest

/// The market's REST reads: the last price, the order book, candles of several timeframes and
/// history with its pages. The market moves while the tests run, so answers that must agree
/// are compared between two reads of the same published snapshot (`sameSnapshot`).
extension ContractSuite {
    /// A symbol with real history (its live feed replays it) and one with history stored
    /// under its market form since the first start of the server.
    static let replayedSymbol = "BTC-USDT"
    static let storedSymbol = "GOOG"

    func priceIsTheLastTradeOnThePaperExchange() throws {
        let viewer = try account("viewer").client
        let response = try viewer.call("getMarketPrice", path: ["symbol": Self.replayedSymbol])
        XCTAssertEqual(response.status, 200, response.message.summary)
        XCTAssertEqual(response["symbol"], "BTC-USDT")
        XCTAssertEqual(response["exchange"], "paper")
        XCTAssertEqual(response["source"], "replay", "BTC-USDT replays its real candles")
        XCTAssertGreaterThan(try Self.decimal(response["price"]), 0)
        XCTAssertGreaterThanOrEqual(try Self.decimal(response["volume"]), 0)
        let stamp = try XCTUnwrap(response["timestamp"].string.flatMap(Self.date), response.message.summary)
        XCTAssertLessThan(abs(stamp.timeIntervalSinceNow), 60, "the last trade is recent: the feed runs on the wall clock")
    }

    func priceOfASymbolWithoutHistoryIsSynthetic() throws {
        let response = try account("viewer").client.call("getMarketPrice", path: ["symbol": "005930"])
        XCTAssertEqual(response.status, 200, response.message.summary)
        XCTAssertEqual(response["symbol"], "005930")
        XCTAssertEqual(response["source"], "synthetic")
    }

    func priceIsTheSameForEitherSymbolForm() throws {
        let viewer = try account("viewer").client
        try assertSameAnswer(for: ["BTC/USDT", "btc-usdt", "btc/usdt"]) { symbol in
            try viewer.call("getMarketPrice", path: ["symbol": symbol])
        }
    }

    func orderBookIsSortedUncrossedAndAtMostDepthLevels() throws {
        let viewer = try account("viewer").client
        for (depth, expected) in [("1", 1), ("5", 5), (nil, 10)] as [(String?, Int)] {
            let response = try viewer.call("getOrderBook", path: ["symbol": Self.replayedSymbol], query: depth.map { ["depth": $0] } ?? [:])
            XCTAssertEqual(response.status, 200, response.message.summary)
            XCTAssertEqual(response["symbol"], "BTC-USDT")
            let bids = try Self.levels(response["bids"]), asks = try Self.levels(response["asks"])
            XCTAssertFalse(bids.isEmpty || asks.isEmpty, "both sides have levels: \(response.message.summary)")
            XCTAssertLessThanOrEqual(bids.count, expected, "depth \(depth ?? "default")")
            XCTAssertLessThanOrEqual(asks.count, expected, "depth \(depth ?? "default")")
            XCTAssertEqual(bids.map(\.price), bids.map(\.price).sorted(by: >), "bids best (highest) first")
            XCTAssertEqual(Set(bids.map(\.price)).count, bids.count, "one level a price")
            XCTAssertEqual(asks.map(\.price), asks.map(\.price).sorted(), "asks best (lowest) first")
            XCTAssertEqual(Set(asks.map(\.price)).count, asks.count, "one level a price")
            XCTAssertLessThan(bids[0].price, asks[0].price, "the book is not crossed")
            XCTAssertTrue((bids + asks).allSatisfy { $0.price > 0 && $0.quantity > 0 }, response.message.summary)
        }
        let full = try viewer.call("getOrderBook", path: ["symbol": Self.replayedSymbol], query: ["depth": "100"])
        XCTAssertEqual(full.status, 200, full.message.summary)
        XCTAssertGreaterThan(try Self.levels(full["bids"]).count, 10, "a deeper request gets more of the book's levels")
    }

    func orderBookIsTheSameForEitherSymbolForm() throws {
        let viewer = try account("viewer").client
        try assertSameAnswer(for: ["BTC/USDT", "Btc-Usdt"]) { symbol in
            try viewer.call("getOrderBook", path: ["symbol": symbol], query: ["depth": "5"])
        }
    }

    func klinesHaveOneSeriesPerRequestedTimeframe() throws {
        let viewer = try account("viewer").client
        let timeframes = ["1m", "5m", "1h", "1M"]
        _ = try newestLiveCandle(viewer)
        let response = try viewer.call("getMultiTimeframeKlines",
                                       query: ["symbol": Self.replayedSymbol, "timeframes": timeframes.joined(separator: ","), "limit": "3"])
        XCTAssertEqual(response.status, 200, response.message.summary)
        XCTAssertEqual(response["symbol"], "BTC-USDT")
        let data = try XCTUnwrap(response["data"].object, response.message.summary)
        XCTAssertEqual(Set(data.keys), Set(timeframes), "exactly the requested timeframes")
        for timeframe in timeframes {
            let candles = try Self.candles(data[timeframe] ?? .null, timeframe: timeframe)
            XCTAssertFalse(candles.isEmpty, "\(timeframe): the live feed has opened a candle")
            XCTAssertLessThanOrEqual(candles.count, 3, "\(timeframe): at most limit candles")
        }
        let daily = try viewer.call("getMultiTimeframeKlines", query: ["symbol": Self.storedSymbol, "timeframes": "1d", "limit": "1000"])
        let stored = try Self.candles(daily["data"]["1d"] ?? .null, timeframe: "1d")
        XCTAssertEqual(stored.count, 1000, "GOOG has more daily candles than the limit: the newest 1000")
        XCTAssertLessThan(abs(stored.last!.start.timeIntervalSinceNow), 2 * 86_400, "the newest is the live candle")
    }

    func klinesAreTheSameForEitherSymbolForm() throws {
        let viewer = try account("viewer").client
        try assertSameAnswer(for: ["BTC/USDT", "btc-usdt"]) { symbol in
            try viewer.call("getMultiTimeframeKlines", query: ["symbol": symbol, "timeframes": "1m,1h,1d", "limit": "5"])
        }
    }

    func historyWithoutStartIsTheNewestCandlesUpToEnd() throws {
        let viewer = try account("viewer").client
        let newest = try viewer.call("getMarketHistory", path: ["symbol": Self.storedSymbol], query: ["interval": "1d", "limit": "50"])
        XCTAssertEqual(newest.status, 200, newest.message.summary)
        XCTAssertEqual(newest["symbol"], "GOOG")
        XCTAssertEqual(newest["next_start"], .null, "no next page without start")
        let candles = try Self.candles(newest["data"], timeframe: "1d")
        XCTAssertEqual(candles.count, 50)
        // Up to an `end` in the past: the newest candles opening by then.
        let end = candles[20].timestamp
        let older = try viewer.call("getMarketHistory", path: ["symbol": Self.storedSymbol], query: ["interval": "1d", "end": end, "limit": "10"])
        XCTAssertEqual(older.status, 200, older.message.summary)
        XCTAssertEqual(try Self.candles(older["data"], timeframe: "1d").map(\.timestamp), candles[11...20].map(\.timestamp))
    }

    func historyPagesFollowNextStartWithoutGapOrDuplicate() throws {
        let viewer = try account("viewer").client
        let recent = try Self.candles(try viewer.call("getMarketHistory", path: ["symbol": Self.storedSymbol],
                                                      query: ["interval": "1d", "limit": "200"])["data"], timeframe: "1d")
        XCTAssertEqual(recent.count, 200)
        // A range of stored candles well before the live ones, read whole and in pages of 7.
        let start = recent[10].timestamp, end = recent[150].timestamp
        let whole = try viewer.call("getMarketHistory", path: ["symbol": Self.storedSymbol],
                                    query: ["interval": "1d", "start": start, "end": end, "limit": "1000"])
        XCTAssertEqual(whole["next_start"], .null, "the whole range fits one page")
        let expected = try XCTUnwrap(whole["data"].array)
        XCTAssertEqual(expected.count, 141)
        var pages: [[JSONInstance]] = []
        var next: String? = start
        while let page = next, pages.count <= 30 {
            let response = try viewer.call("getMarketHistory", path: ["symbol": "goog"],
                                           query: ["interval": "1d", "start": page, "end": end, "limit": "7"])
            XCTAssertEqual(response.status, 200, response.message.summary)
            let data = try XCTUnwrap(response["data"].array)
            _ = try Self.candles(response["data"], timeframe: "1d")
            XCTAssertEqual(data.first?["timestamp"]?.string, page, "a page starts at its start")
            next = response["next_start"].string
            XCTAssertEqual(data.count, next == nil ? (expected.count - 1) % 7 + 1 : 7, "full pages but the last")
            pages.append(data)
        }
        XCTAssertEqual(pages.flatMap { $0 }, expected, "the pages together are the range, in order, each candle once")
    }

    func historyFromAStartReachesTheLiveCandles() throws {
        let viewer = try account("viewer").client
        let last = try newestLiveCandle(viewer)
        let response = try viewer.call("getMarketHistory", path: ["symbol": "BTC/USDT"],
                                       query: ["interval": "1m", "start": last.timestamp, "limit": "10"])
        XCTAssertEqual(response.status, 200, response.message.summary)
        XCTAssertEqual(response["symbol"], "BTC-USDT")
        let candles = try Self.candles(response["data"], timeframe: "1m")
        XCTAssertEqual(candles.first?.timestamp, last.timestamp)
    }

    func marketReadsRefuseInvalidParameters() throws {
        let viewer = try account("viewer").client
        let symbol = ["symbol": Self.replayedSymbol]
        assertValidationError(try viewer.call("getMultiTimeframeKlines", query: ["symbol": "BTC-USDT", "timeframes": "1m,2h"]), field: "query.timeframes[1]")
        assertValidationError(try viewer.call("getMultiTimeframeKlines", query: ["symbol": "BTC-USDT", "timeframes": "1m", "limit": "0"]), field: "query.limit")
        assertValidationError(try viewer.call("getMultiTimeframeKlines", query: ["symbol": "BTC-USDT", "timeframes": "1m", "limit": "1001"]), field: "query.limit")
        assertValidationError(try viewer.call("getMarketHistory", path: symbol, query: ["interval": "15m"]), field: "query.interval")
        assertValidationError(try viewer.call("getMarketHistory", path: symbol, query: ["limit": "1001"]), field: "query.limit")
        assertValidationError(try viewer.call("getMarketHistory", path: symbol, query: ["start": "yesterday"]), field: "query.start")
        assertValidationError(try viewer.call("getMarketHistory", path: symbol, query: ["end": "2024-02-30T00:00:00Z"]), field: "query.end")
        let reversed = try viewer.call("getMarketHistory", path: symbol, query: ["start": "2024-03-21T10:00:00Z", "end": "2024-03-21T09:00:00Z"])
        assertValidationError(reversed, field: "query.start")
        XCTAssertTrue(reversed["message"].string?.contains("after") == true, reversed.message.summary)
        for depth in ["0", "101", "ten"] {
            assertValidationError(try viewer.call("getOrderBook", path: symbol, query: ["depth": depth]), field: "query.depth")
        }
    }

    func marketReadsNeedCredentials() throws {
        let symbol = ["symbol": Self.replayedSymbol]
        assertError(try api.call("getMarketPrice", path: symbol), 401, "MISSING_TOKEN")
        assertError(try api.call("getOrderBook", path: symbol), 401, "MISSING_TOKEN")
        assertError(try api.call("getMarketHistory", path: symbol), 401, "MISSING_TOKEN")
        assertError(try api.call("getMultiTimeframeKlines", query: ["symbol": "BTC-USDT", "timeframes": "1m"]), 401, "MISSING_TOKEN")
    }

    func unknownSymbolsAreMarket001NamingTheSymbol() throws {
        let viewer = try account("viewer").client
        let unknown = "NOPE/USDT"
        let answers = [
            try viewer.call("getMarketPrice", path: ["symbol": unknown]),
            try viewer.call("getOrderBook", path: ["symbol": unknown]),
            try viewer.call("getMarketHistory", path: ["symbol": unknown]),
            try viewer.call("getMultiTimeframeKlines", query: ["symbol": unknown, "timeframes": "1m"]),
        ]
        for response in answers {
            assertError(response, 404, "MARKET_001")
            XCTAssertTrue(response["message"].string?.contains(unknown) == true, "the message names the symbol: \(response.message.summary)")
        }
        // BTC-USD was a sample series before the demo universe; it is not a market symbol.
        assertError(try viewer.call("getMarketPrice", path: ["symbol": "BTC-USD"]), 404, "MARKET_001")
    }

    /// The newest 1m candle of the replayed symbol, once the market has published one (the
    /// feed's first trade comes a tick after the start, its first publish up to a second later).
    private func newestLiveCandle(_ client: ContractClient) throws -> CandleValues {
        for _ in 0..<50 {
            let response = try client.call("getMarketHistory", path: ["symbol": Self.replayedSymbol], query: ["interval": "1m", "limit": "1"])
            if let candle = try Self.candles(response["data"], timeframe: "1m").last { return candle }
            Thread.sleep(forTimeInterval: 0.1)
        }
        return try XCTUnwrap(nil as CandleValues?, "the live feed has a 1m candle of \(Self.replayedSymbol) 5 s after the start")
    }

    /// Asserts that `read` answers every symbol form as it answers `BTC-USDT`. The market
    /// moves between two reads, so each form's answer is taken between two equal answers to
    /// `BTC-USDT` (the same published snapshot), trying again while the market moved.
    private func assertSameAnswer(for forms: [String], file: StaticString = #filePath, line: UInt = #line,
                                  _ read: (String) throws -> ContractResponse) throws {
        for form in forms {
            var agreed = false
            for _ in 0..<20 where !agreed {
                let before = try read(Self.replayedSymbol), answer = try read(form), after = try read(Self.replayedSymbol)
                XCTAssertEqual(answer.status, 200, answer.message.summary, file: file, line: line)
                guard before.json == after.json else { continue }
                XCTAssertEqual(answer.json, before.json, "\(form) answers as \(Self.replayedSymbol)", file: file, line: line)
                agreed = true
            }
            XCTAssertTrue(agreed, "the market never held still for three reads", file: file, line: line)
        }
    }

    /// One candle of an answer, its prices as decimals.
    struct CandleValues {
        let timestamp: String
        let start: Date
        let open: Decimal, high: Decimal, low: Decimal, close: Decimal, volume: Decimal
    }

    /// The candles of a series, checked: each consistent (low ≤ open, close ≤ high, volume not
    /// negative) and opening on its timeframe's UTC boundary, strictly oldest first.
    static func candles(_ series: JSONInstance, timeframe: String, file: StaticString = #filePath, line: UInt = #line) throws -> [CandleValues] {
        let candles = try XCTUnwrap(series.array, "a candle series: \(series.excerpt())", file: file, line: line).map { candle in
            let timestamp = try XCTUnwrap(candle["timestamp"]?.string, file: file, line: line)
            return CandleValues(timestamp: timestamp, start: try XCTUnwrap(date(timestamp), timestamp, file: file, line: line),
                                open: try decimal(candle["open"] ?? .null), high: try decimal(candle["high"] ?? .null),
                                low: try decimal(candle["low"] ?? .null), close: try decimal(candle["close"] ?? .null),
                                volume: try decimal(candle["volume"] ?? .null))
        }
        for candle in candles {
            XCTAssertTrue(candle.low <= min(candle.open, candle.close) && max(candle.open, candle.close) <= candle.high && candle.volume >= 0,
                          "\(timeframe) candle at \(candle.timestamp) is consistent", file: file, line: line)
            XCTAssertTrue(opensOnBoundary(candle.start, timeframe), "\(timeframe) candle at \(candle.timestamp) opens on its boundary",
                          file: file, line: line)
        }
        XCTAssertTrue(zip(candles, candles.dropFirst()).allSatisfy { $0.start < $1.start }, "\(timeframe): strictly oldest first",
                      file: file, line: line)
        return candles
    }

    /// True when `start` is where a candle of `timeframe` opens in UTC: minutes and hours on
    /// the epoch grid, days at midnight, weeks on Monday, months on the 1st.
    static func opensOnBoundary(_ start: Date, _ timeframe: String) -> Bool {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let seconds = Int(start.timeIntervalSince1970)
        let parts = calendar.dateComponents([.day, .weekday], from: start)
        switch timeframe {
        case "1m", "5m", "15m", "30m": return seconds % (60 * Int(timeframe.dropLast())!) == 0
        case "1h", "4h": return seconds % (3600 * Int(timeframe.dropLast())!) == 0
        case "1d": return seconds % 86_400 == 0
        case "1w": return seconds % 86_400 == 0 && parts.weekday == 2
        default: return seconds % 86_400 == 0 && parts.day == 1
        }
    }

    /// A price level `[price, quantity]` as decimals.
    static func levels(_ side: JSONInstance) throws -> [(price: Decimal, quantity: Decimal)] {
        try XCTUnwrap(side.array, "a book side: \(side.excerpt())").map { level in
            (try decimal(level[0] ?? .null), try decimal(level[1] ?? .null))
        }
    }

    /// A decimal string of the API as a number.
    static func decimal(_ value: JSONInstance) throws -> Decimal {
        try XCTUnwrap(value.string.flatMap { Decimal(string: $0) }, "a decimal string: \(value.excerpt())")
    }
}

/// A server whose market publishes once a second, so that reads compared with each other
/// often see the same snapshot.
class MarketContractTestCase: ContractTestCase {
    override class var serverArguments: [String] { super.serverArguments + ["--market-publish-ms", "1000"] }
}

/// The market's REST reads on SQLite.
final class SQLiteMarketContractTests: MarketContractTestCase {
    override class var backend: ContractBackend { .sqlite }
    func testPriceIsTheLastTradeOnThePaperExchange() throws { try suite.priceIsTheLastTradeOnThePaperExchange() }
    func testPriceOfASymbolWithoutHistoryIsSynthetic() throws { try suite.priceOfASymbolWithoutHistoryIsSynthetic() }
    func testPriceIsTheSameForEitherSymbolForm() throws { try suite.priceIsTheSameForEitherSymbolForm() }
    func testOrderBookIsSortedUncrossedAndAtMostDepthLevels() throws { try suite.orderBookIsSortedUncrossedAndAtMostDepthLevels() }
    func testOrderBookIsTheSameForEitherSymbolForm() throws { try suite.orderBookIsTheSameForEitherSymbolForm() }
    func testKlinesHaveOneSeriesPerRequestedTimeframe() throws { try suite.klinesHaveOneSeriesPerRequestedTimeframe() }
    func testKlinesAreTheSameForEitherSymbolForm() throws { try suite.klinesAreTheSameForEitherSymbolForm() }
    func testHistoryWithoutStartIsTheNewestCandlesUpToEnd() throws { try suite.historyWithoutStartIsTheNewestCandlesUpToEnd() }
    func testHistoryPagesFollowNextStartWithoutGapOrDuplicate() throws { try suite.historyPagesFollowNextStartWithoutGapOrDuplicate() }
    func testHistoryFromAStartReachesTheLiveCandles() throws { try suite.historyFromAStartReachesTheLiveCandles() }
    func testMarketReadsRefuseInvalidParameters() throws { try suite.marketReadsRefuseInvalidParameters() }
    func testMarketReadsNeedCredentials() throws { try suite.marketReadsNeedCredentials() }
    func testUnknownSymbolsAreMarket001NamingTheSymbol() throws { try suite.unknownSymbolsAreMarket001NamingTheSymbol() }
    func testWhenSentSIGTERMTheServerExitsCleanly() { assertServerExitsCleanlyOnSIGTERM() }
}

/// The market's REST reads on PostgreSQL.
final class PostgresMarketContractTests: MarketContractTestCase {
    override class var backend: ContractBackend { .postgres }
    func testPriceIsTheLastTradeOnThePaperExchange() throws { try suite.priceIsTheLastTradeOnThePaperExchange() }
    func testPriceOfASymbolWithoutHistoryIsSynthetic() throws { try suite.priceOfASymbolWithoutHistoryIsSynthetic() }
    func testPriceIsTheSameForEitherSymbolForm() throws { try suite.priceIsTheSameForEitherSymbolForm() }
    func testOrderBookIsSortedUncrossedAndAtMostDepthLevels() throws { try suite.orderBookIsSortedUncrossedAndAtMostDepthLevels() }
    func testOrderBookIsTheSameForEitherSymbolForm() throws { try suite.orderBookIsTheSameForEitherSymbolForm() }
    func testKlinesHaveOneSeriesPerRequestedTimeframe() throws { try suite.klinesHaveOneSeriesPerRequestedTimeframe() }
    func testKlinesAreTheSameForEitherSymbolForm() throws { try suite.klinesAreTheSameForEitherSymbolForm() }
    func testHistoryWithoutStartIsTheNewestCandlesUpToEnd() throws { try suite.historyWithoutStartIsTheNewestCandlesUpToEnd() }
    func testHistoryPagesFollowNextStartWithoutGapOrDuplicate() throws { try suite.historyPagesFollowNextStartWithoutGapOrDuplicate() }
    func testHistoryFromAStartReachesTheLiveCandles() throws { try suite.historyFromAStartReachesTheLiveCandles() }
    func testMarketReadsRefuseInvalidParameters() throws { try suite.marketReadsRefuseInvalidParameters() }
    func testMarketReadsNeedCredentials() throws { try suite.marketReadsNeedCredentials() }
    func testUnknownSymbolsAreMarket001NamingTheSymbol() throws { try suite.unknownSymbolsAreMarket001NamingTheSymbol() }
    func testWhenSentSIGTERMTheServerExitsCleanly() { assertServerExitsCleanlyOnSIGTERM() }
}
