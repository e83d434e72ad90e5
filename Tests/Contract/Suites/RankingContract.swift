import Foundation
import XCTest

/// The GlobalScore ranking: every demo symbol with 50 daily candles or more, best first,
/// its grade the score's (BUY ≥ 70, WATCH ≥ 50, HOLD), filtered and paged.
/// The 7Factor scores: each factor 0–100, `total_score` their weighted sum (API.md), the
/// fundamental factors 50 where no fundamentals are held, a batch that lists unknown tickers
/// apart and refuses more than 100.
extension ContractSuite {
    func theRankingListsEverySymbolBestFirst() throws {
        assertError(try api.call("getRanking"), 401, "MISSING_TOKEN")
        let viewer = try account("viewer").client
        let ranking = try viewer.call("getRanking")
        XCTAssertEqual(ranking.status, 200, ranking.message.summary)
        let items = ranking["items"].array ?? []
        XCTAssertEqual(Set(items.compactMap { $0["ticker"]?.string }),
                       ["BTC-USDT", "ETH-USDT", "EUR-USD", "GOOG", "005930", "000660", "035720"],
                       "the demo history gives every symbol more than 50 daily candles")
        XCTAssertEqual(ranking["total"].integer, items.count)
        let scores = items.compactMap { $0["global_score"]?.number }
        XCTAssertEqual(scores, scores.sorted(by: >), "best first")
        XCTAssertEqual(items.compactMap { $0["rank"]?.integer }, Array(1...items.count))
        for item in items {
            let score = try XCTUnwrap(item["global_score"]?.number)
            XCTAssertTrue((0...100).contains(score), item.text)
            XCTAssertEqual(item["grade"]?.string, score >= 70 ? "BUY" : score >= 50 ? "WATCH" : "HOLD", item.text)
            XCTAssertTrue(["OVERHEAT", "ATTACK", "ARMED", "WAIT", "NEUTRAL"].contains(item["route_state"]?.string ?? ""), item.text)
            let price = try Self.decimal(item["price"] ?? .null), stop = try Self.decimal(item["stop_price"] ?? .null)
            let entry = try Self.decimal(item["entry_price"] ?? .null), target = try Self.decimal(item["target_price"] ?? .null)
            XCTAssertGreaterThan(price, 0, item.text)
            XCTAssertLessThan(stop, entry, "stop = entry − 2·ATR: \(item.text)")
            XCTAssertGreaterThan(target, entry, "target ≥ entry + 3·ATR: \(item.text)")
        }
        let korea = try viewer.call("getRanking", query: ["market": "KR"])
        XCTAssertEqual(Set((korea["items"].array ?? []).compactMap { $0["ticker"]?.string }), ["005930", "000660", "035720"])
        XCTAssertTrue((korea["items"].array ?? []).allSatisfy { $0["market"] == "KR" })
        let route = try XCTUnwrap(items.first?["route_state"]?.string)
        let byRoute = try viewer.call("getRanking", query: ["route_state": route])
        XCTAssertFalse((byRoute["items"].array ?? []).isEmpty)
        XCTAssertTrue((byRoute["items"].array ?? []).allSatisfy { $0["route_state"]?.string == route }, byRoute.message.summary)
        let page = try viewer.call("getRanking", query: ["limit": "2", "offset": "2"])
        XCTAssertEqual((page["items"].array ?? []).compactMap { $0["rank"]?.integer }, [3, 4])
        XCTAssertEqual(page["items"][0]?["ticker"], items[2]["ticker"])
        XCTAssertEqual(page["total"].integer, items.count)
    }

    func sevenFactorReadsNeedAToken() throws {
        assertError(try api.call("getSevenFactorScore", path: ["ticker": "005930"]), 401, "MISSING_TOKEN")
        assertError(try api.call("getSevenFactorBatch", body: ["tickers": ["005930"]]), 401, "MISSING_TOKEN")
    }

    /// Asserts one score's shape and arithmetic: factors in 0…100 and the weighted sum.
    func assertSevenFactor(_ score: JSONInstance, file: StaticString = #filePath, line: UInt = #line) throws {
        let names = ["momentum", "value", "quality", "volatility", "liquidity", "growth", "sentiment"]
        let weights = [0.20, 0.15, 0.20, 0.10, 0.10, 0.15, 0.10]
        var sum = 0.0
        for (name, weight) in zip(names, weights) {
            let value = try XCTUnwrap(score["factors"]?[name]?.number, "\(name) in \(score.text)", file: file, line: line)
            XCTAssertTrue((0...100).contains(value), "\(name) \(value) in 0…100", file: file, line: line)
            sum += weight * value
        }
        let total = try XCTUnwrap(score["total_score"]?.number, file: file, line: line)
        XCTAssertEqual(total, sum, accuracy: 0.02, "total_score is the weighted sum of the factors: \(score.text)", file: file, line: line)
    }

    /// A KR stock with the demo fundamentals scores its value, quality and growth from them; a
    /// coin has none, so those three are 50.
    func sevenFactorScoresFollowTheDocumentsFormulas() throws {
        let viewer = try account("viewer").client
        let samsung = try viewer.call("getSevenFactorScore", path: ["ticker": "005930"])
        XCTAssertEqual(samsung.status, 200, samsung.message.summary)
        XCTAssertEqual(samsung["ticker"], "005930")
        try assertSevenFactor(try XCTUnwrap(samsung.json))
        let fundamental = ["value", "quality", "growth"].compactMap { samsung["factors"][$0]?.number }
        XCTAssertEqual(fundamental.count, 3)
        XCTAssertTrue(fundamental.contains { $0 != 50 }, "scored from the demo fundamentals: \(samsung.message.summary)")

        let bitcoin = try viewer.call("getSevenFactorScore", path: ["ticker": "BTC/USDT"])
        XCTAssertEqual(bitcoin.status, 200, bitcoin.message.summary)
        XCTAssertEqual(bitcoin["ticker"], "BTC-USDT")
        try assertSevenFactor(try XCTUnwrap(bitcoin.json))
        for name in ["value", "quality", "growth"] {
            XCTAssertEqual(bitcoin["factors"][name]?.number, 50, "\(name): no fundamentals, so 50")
        }
        assertError(try viewer.call("getSevenFactorScore", path: ["ticker": "NOPE-USDT"]), 404, "NOT_FOUND")
    }

    func aSevenFactorBatchListsUnknownTickersApart() throws {
        let viewer = try account("viewer").client
        let batch = try viewer.call("getSevenFactorBatch", body: ["tickers": ["005930", "NOPE", "000660", "005930"]])
        XCTAssertEqual(batch.status, 200, batch.message.summary)
        XCTAssertEqual((batch["results"].array ?? []).compactMap { $0["ticker"]?.string }, ["005930", "000660"], "each once, in order")
        XCTAssertEqual(batch["not_found"], ["NOPE"])
        for score in batch["results"].array ?? [] { try assertSevenFactor(score) }
        let single = try viewer.call("getSevenFactorScore", path: ["ticker": "000660"])
        for name in ["value", "quality", "growth"] {
            XCTAssertEqual(batch["results"][1]?["factors"]?[name], single["factors"][name], "the same fundamentals: \(name)")
        }
        let tooMany = JSONInstance.array((0..<101).map { _ in JSONInstance.string("005930") })
        assertError(try viewer.call("getSevenFactorBatch", body: ["tickers": tooMany]), 400, "VALIDATION_ERROR")
    }
}

/// The 7Factor operations on SQLite.
final class SQLiteRankingContractTests: MarketContractTestCase {
    override class var backend: ContractBackend { .sqlite }
    func testTheRankingListsEverySymbolBestFirst() throws { try suite.theRankingListsEverySymbolBestFirst() }
    func testSevenFactorReadsNeedAToken() throws { try suite.sevenFactorReadsNeedAToken() }
    func testSevenFactorScoresFollowTheDocumentsFormulas() throws { try suite.sevenFactorScoresFollowTheDocumentsFormulas() }
    func testASevenFactorBatchListsUnknownTickersApart() throws { try suite.aSevenFactorBatchListsUnknownTickersApart() }
    func testWhenSentSIGTERMTheServerExitsCleanly() { assertServerExitsCleanlyOnSIGTERM() }
}

/// The 7Factor operations on PostgreSQL.
final class PostgresRankingContractTests: MarketContractTestCase {
    override class var backend: ContractBackend { .postgres }
    func testTheRankingListsEverySymbolBestFirst() throws { try suite.theRankingListsEverySymbolBestFirst() }
    func testSevenFactorReadsNeedAToken() throws { try suite.sevenFactorReadsNeedAToken() }
    func testSevenFactorScoresFollowTheDocumentsFormulas() throws { try suite.sevenFactorScoresFollowTheDocumentsFormulas() }
    func testASevenFactorBatchListsUnknownTickersApart() throws { try suite.aSevenFactorBatchListsUnknownTickersApart() }
    func testWhenSentSIGTERMTheServerExitsCleanly() { assertServerExitsCleanlyOnSIGTERM() }
}
