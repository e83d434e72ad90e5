import Foundation
import XCTest

/// `/health/ready` while PostgreSQL goes away and comes back: 503 with the database
/// unhealthy while it is stopped (answered at once, not after a hung query), then 200 again
/// once it is back, the server having reconnected by itself; orders work again once the
/// engine holds its lease again.
final class PostgresRestartReadinessContractTests: XCTestCase {
    func testReadinessFollowsPostgreSQLStoppedAndStartedAgain() throws {
        guard PostgresTestServer.isInstalled else { throw XCTSkip("no PostgreSQL server under /usr/lib/postgresql") }
        let postgres = try PostgresTestServer.start()
        defer { try? postgres.remove() }
        let server = try ServerProcess.start(onItsOwn: postgres, schema: "readiness")
        defer { _ = server.stop() }
        let suite = try ContractSuite(server: server)
        let ready = try suite.api.call("getReadiness")
        XCTAssertEqual(ready.status, 200, ready.message.summary)
        XCTAssertEqual(ready["components"]["database"]?["status"], "healthy")

        try postgres.pause()
        let down = try suite.readiness(within: 15) { $0.status == 503 }
        XCTAssertEqual(down.status, 503, down.message.summary)
        XCTAssertEqual(down["status"], "unhealthy")
        XCTAssertEqual(down["components"]["database"]?["status"], "unhealthy")
        XCTAssertFalse(down["components"]["database"]?["message"]?.string?.isEmpty ?? true, "the reason is given")
        XCTAssertEqual(down["components"]["redis"]?["status"], "disabled")
        let asked = Date()
        XCTAssertEqual(try suite.api.call("getReadiness").status, 503)
        XCTAssertLessThan(Date().timeIntervalSince(asked), 3, "a stopped database is reported at once, never waited for")

        try postgres.resume()
        let back = try suite.readiness(within: 30) { $0.status == 200 && $0["components"]["exchange"]?["status"] == "healthy" }
        XCTAssertEqual(back.status, 200, "PostgreSQL is back and the server reconnected by itself: \(back.message.summary)")
        XCTAssertEqual(back["components"]["database"]?["status"], "healthy")
        XCTAssertNotNil(back["components"]["database"]?["latency_ms"]?.integer)
        let trader = try suite.account("trader").client
        let order = try trader.call("createOrder", body: ["symbol": "BTC/USDT", "side": "Buy", "order_type": "Market", "quantity": "0.01"])
        XCTAssertEqual(order.status, 201, "the engine writes again: \(order.message.summary)")
        let shutdown = server.stop()
        XCTAssertTrue(shutdown.isClean, "\(shutdown)")
    }
}

extension ContractSuite {
    /// Asks `/health/ready` until `done` holds (or `seconds` pass) and returns the last answer.
    func readiness(within seconds: Double, until done: (ContractResponse) -> Bool) throws -> ContractResponse {
        let deadline = Date().addingTimeInterval(seconds)
        var response = try api.call("getReadiness")
        while !done(response), Date() < deadline {
            Thread.sleep(forTimeInterval: 0.25)
            response = try api.call("getReadiness")
        }
        return response
    }
}
