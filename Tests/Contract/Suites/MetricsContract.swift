import Foundation
import XCTest

/// `GET /metrics` held to the Prometheus text format as a whole, the engine's counters moved
/// by a fill, the streams' and the database's families, and `/health/ready` measuring the
/// database and the engine.
extension ContractSuite {
    /// `/metrics`, parsed strictly.
    func metrics() throws -> PrometheusExposition {
        let response = try api.call("getMetrics")
        XCTAssertEqual(response.status, 200, response.message.summary)
        return try PrometheusExposition(parsing: response.message.text)
    }

    func oneFillIncrementsTheFillsCounterOfItsSymbolAndStrategy() throws {
        let trader = try account("trader").client
        let manual = ["symbol": "BTC-USDT", "strategy": "manual"]
        let before = try metrics()
        let bought = try trader.call("createOrder", body: ["symbol": "BTC/USDT", "side": "Buy", "order_type": "Market", "quantity": "0.01"])
        XCTAssertEqual(bought.status, 201, bought.message.summary)
        let id = try XCTUnwrap(bought["id"].string)
        let executions = try trader.call("listExecutions", query: ["symbol": "BTC/USDT", "limit": "100"])
        XCTAssertEqual(executions.status, 200, executions.message.summary)
        let fills = (executions["executions"].array ?? []).filter { $0["order_id"]?.string == id }.count
        XCTAssertGreaterThanOrEqual(fills, 1, "the market order filled")
        // The counters follow the committed batch, which the order's answer waited for.
        var after = try metrics()
        let deadline = Date().addingTimeInterval(5)
        while after.value("trading_fills_total", manual) == before.value("trading_fills_total", manual), Date() < deadline {
            Thread.sleep(forTimeInterval: 0.05)
            after = try metrics()
        }
        XCTAssertEqual((after.value("trading_fills_total", manual) ?? 0) - (before.value("trading_fills_total", manual) ?? 0), Double(fills),
                       "one count a fill, labelled with the symbol and the manual strategy")
        XCTAssertEqual((after.value("trading_orders_total", manual) ?? 0) - (before.value("trading_orders_total", manual) ?? 0), 1)
        XCTAssertEqual(after.families["trading_fills_total"]?.type, "counter")
        XCTAssertNotNil(after.families["trading_fills_total"]?.help)
        _ = try trader.call("createOrder", body: ["symbol": "BTC/USDT", "side": "Sell", "order_type": "Market", "quantity": "0.01"])
    }

    func metricsAreStrictPrometheusTextWithEveryFamilyDocumented() throws {
        let socket = try webSocket()
        defer { socket.close() }
        try socket.send(["type": "subscribe", "channels": ["market:BTC-USDT"]])
        _ = try socket.receive(within: 5) { $0["type"] == "ticker" }
        try api.call("getReadiness")
        let parsed = try metrics()
        for name in ["trading_http_requests_total", "trading_websocket_connections", "trading_websocket_messages_total",
                     "trading_websocket_messages_sent_total", "trading_market_events_total", "trading_orders_total", "trading_fills_total",
                     "trading_persistence_failures_total", "trading_database_connections", "trading_database_waiting",
                     "trading_database_query_duration_seconds", "trading_background_jobs", "process_start_time_seconds"] {
            let family = parsed.families[name]
            XCTAssertNotNil(family, "\(name) is exposed")
            XCTAssertFalse(family?.help?.isEmpty ?? true, "\(name) has a HELP line")
        }
        XCTAssertEqual(parsed.families["trading_database_query_duration_seconds"]?.type, "histogram")
        for operation in ["read", "write"] {
            XCTAssertGreaterThan(parsed.value("trading_database_query_duration_seconds_count", ["operation": operation]) ?? 0, 0,
                                 "the server has run \(operation) transactions")
        }
        let size = try XCTUnwrap(parsed.value("trading_database_connections", ["state": "size"]))
        XCTAssertGreaterThan(size, 0)
        XCTAssertLessThanOrEqual(parsed.value("trading_database_connections", ["state": "in_use"]) ?? .infinity, size)
        XCTAssertEqual(parsed.value("trading_websocket_connections", ["path": "/ws"]), 1)
        XCTAssertGreaterThan(parsed.value("trading_websocket_messages_sent_total", ["path": "/ws", "channel": "market"]) ?? 0, 0,
                             "the ticker the socket received is counted")
    }

    func readinessMeasuresTheDatabaseAndTheEngine() throws {
        let response = try api.call("getReadiness")
        XCTAssertEqual(response.status, 200, response.message.summary)
        XCTAssertNotNil(response["components"]["database"]?["latency_ms"]?.integer, "the database round trip is measured")
        XCTAssertEqual(response["components"]["exchange"]?["status"], "healthy", "the engine runs here and answers")
        XCTAssertNotNil(response["components"]["exchange"]?["latency_ms"]?.integer)
        XCTAssertEqual(response["components"]["redis"]?["status"], "disabled")
    }
}

/// Metrics and readiness on SQLite.
final class SQLiteMetricsContractTests: SQLiteContractTestCase {
    func testOneFillIncrementsTheFillsCounterOfItsSymbolAndStrategy() throws { try suite.oneFillIncrementsTheFillsCounterOfItsSymbolAndStrategy() }
    func testMetricsAreStrictPrometheusTextWithEveryFamilyDocumented() throws { try suite.metricsAreStrictPrometheusTextWithEveryFamilyDocumented() }
    func testReadinessMeasuresTheDatabaseAndTheEngine() throws { try suite.readinessMeasuresTheDatabaseAndTheEngine() }
    func testWhenSentSIGTERMTheServerExitsCleanly() { assertServerExitsCleanlyOnSIGTERM() }
}

/// Metrics and readiness on PostgreSQL.
final class PostgresMetricsContractTests: PostgresContractTestCase {
    func testOneFillIncrementsTheFillsCounterOfItsSymbolAndStrategy() throws { try suite.oneFillIncrementsTheFillsCounterOfItsSymbolAndStrategy() }
    func testMetricsAreStrictPrometheusTextWithEveryFamilyDocumented() throws { try suite.metricsAreStrictPrometheusTextWithEveryFamilyDocumented() }
    func testReadinessMeasuresTheDatabaseAndTheEngine() throws { try suite.readinessMeasuresTheDatabaseAndTheEngine() }
    func testWhenSentSIGTERMTheServerExitsCleanly() { assertServerExitsCleanlyOnSIGTERM() }
}
