import Foundation
import XCTest

/// One engine per database: a second instance on the same database does not run a second
/// engine; it says so, serves the market from what the engine stores, and takes the engine
/// over when the first instance stops.
extension ContractSuite {
    func aSecondInstanceMirrorsTheMarketAndTakesTheEngineOver() throws {
        let sibling = try ServerProcess.startSibling(of: server, arguments: ContractTestCase.serverArguments)
        defer { _ = sibling.stop() }
        let follower = try ContractSuite(server: sibling)
        XCTAssertTrue(sibling.log.contains("another instance runs the market engine"), sibling.log)
        XCTAssertEqual(try marketEvents(of: follower, "BTC-USDT"), 0, "the follower runs no engine")
        XCTAssertGreaterThan(try marketEvents(of: self, "BTC-USDT"), 0, "the leader does")

        // The follower's market comes from the candles the leader stores (written about every second).
        let viewer = try follower.account("viewer").client
        var price: ContractResponse?
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline {
            let response = try viewer.call("getMarketPrice", path: ["symbol": "BTC/USDT"])
            if response.status == 200, let time = response["timestamp"].string.flatMap(Self.date), abs(time.timeIntervalSinceNow) < 60 {
                price = response
                break
            }
            Thread.sleep(forTimeInterval: 0.2)
        }
        let mirrored = try XCTUnwrap(price, "the follower serves a recent price")
        XCTAssertEqual(mirrored["symbol"], "BTC-USDT")
        XCTAssertEqual(mirrored["exchange"], "paper")
        // Ready for what it does: the exchange runs on the leader, so here it is disabled, not down.
        let ready = try follower.api.call("getReadiness")
        XCTAssertEqual(ready.status, 200, ready.message.summary)
        XCTAssertEqual(ready["components"]["exchange"]?["status"], "disabled")
        XCTAssertTrue(ready["components"]["exchange"]?["message"]?.string?.contains("another instance") ?? false, ready.message.summary)
        XCTAssertEqual(try api.call("getReadiness")["components"]["exchange"]?["status"], "healthy", "the leader runs it")

        // The leader stops: the follower takes the lease and runs the engine.
        XCTAssertTrue(server.stop(keepingFiles: true).isClean)
        var events = 0
        let takeover = Date().addingTimeInterval(15)
        while Date() < takeover, events == 0 {
            Thread.sleep(forTimeInterval: 0.5)
            events = try marketEvents(of: follower, "BTC-USDT")
        }
        XCTAssertGreaterThan(events, 0, "the follower took the engine over:\n\(sibling.log)")
        XCTAssertTrue(sibling.log.contains("took over the market engine"), sibling.log)
    }

    /// `trading_market_events_total` of `symbol` on the server of `suite`.
    private func marketEvents(of suite: ContractSuite, _ symbol: String) throws -> Int {
        let response = try suite.api.call("getMetrics")
        XCTAssertEqual(response.status, 200)
        let prefix = "trading_market_events_total{symbol=\"\(symbol)\"} "
        let line = try XCTUnwrap(response.message.text.split(separator: "\n").first { $0.hasPrefix(prefix) }, response.message.text)
        return try XCTUnwrap(Int(line.dropFirst(prefix.count)))
    }
}

/// Two instances on one SQLite file.
final class SQLiteEngineLeaseContractTests: SQLiteContractTestCase {
    func testASecondInstanceMirrorsTheMarketAndTakesTheEngineOver() throws {
        try suite.aSecondInstanceMirrorsTheMarketAndTakesTheEngineOver()
    }
}

/// Two instances on one PostgreSQL database.
final class PostgresEngineLeaseContractTests: PostgresContractTestCase {
    func testASecondInstanceMirrorsTheMarketAndTakesTheEngineOver() throws {
        try suite.aSecondInstanceMirrorsTheMarketAndTakesTheEngineOver()
    }
}
