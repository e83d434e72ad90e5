import Foundation
import XCTest

/// The error log (admin): a strategy whose risk check refuses its signals records warnings of
/// category `strategy`, which `/monitoring/errors` lists newest first, filtered and paged,
/// `/monitoring/errors/critical` leaves out, and `/monitoring/stats` counts.
extension ContractSuite {
    func recordedErrorsAreListedFilteredAndCounted() throws {
        let admin = try admin()
        let id = "monitor_" + UUID().uuidString.prefix(8).lowercased()
        // Three grid levels a side, one open order allowed: every signal past the first is refused.
        let created = try admin.call("createStrategy", body: [
            "id": .string(id), "type": "grid", "name": "Refused grid", "symbols": ["ETH/USDT"],
            "config": ["warmup_candles": 0, "levels": 3, "spacing_pct": 0.1, "max_open_orders": 1],
        ])
        XCTAssertEqual(created.status, 201, created.message.summary)
        XCTAssertEqual(try admin.call("startStrategy", path: ["id": id]).status, 200)
        defer {
            _ = try? admin.call("stopStrategy", path: ["id": id])
            _ = try? admin.call("deleteStrategy", path: ["id": id])
        }
        var listed = try admin.call("listErrors", query: ["category": "strategy"])
        // Without warm-up candles the grid first decides when a one-minute candle closes.
        let deadline = Date().addingTimeInterval(75)
        while (listed["total"].integer ?? 0) == 0, Date() < deadline {
            Thread.sleep(forTimeInterval: 0.2)
            listed = try admin.call("listErrors", query: ["category": "strategy"])
        }
        XCTAssertEqual(listed.status, 200, listed.message.summary)
        let errors = listed["errors"].array ?? []
        let strategy = try admin.call("getStrategy", path: ["id": id]).message.summary
        XCTAssertFalse(errors.isEmpty, "the refused signals are recorded: \(listed.message.summary); the strategy: \(strategy)")
        XCTAssertTrue(errors.allSatisfy { $0["category"]?.string == "strategy" })
        XCTAssertTrue(errors.contains { $0["severity"]?.string == "warning" && ($0["message"]?.string ?? "").contains("max_open_orders") },
                      listed.message.summary)
        let times = errors.compactMap { $0["created_at"]?.string }
        XCTAssertEqual(times, times.sorted(by: >), "newest first")

        let warnings = try admin.call("listErrors", query: ["severity": "warning", "category": "strategy", "limit": "1"])
        XCTAssertEqual(warnings.status, 200, warnings.message.summary)
        XCTAssertEqual(warnings["errors"].array?.count, 1, "a page of one")
        XCTAssertGreaterThanOrEqual(warnings["total"].integer ?? 0, 1, "the total counts before paging")
        let second = try admin.call("listErrors", query: ["severity": "warning", "category": "strategy", "limit": "1", "offset": "1"])
        if (warnings["total"].integer ?? 0) > 1 {
            XCTAssertNotEqual(second["errors"][0]?["id"], warnings["errors"][0]?["id"], "pages do not overlap")
        }
        let exchange = try admin.call("listErrors", query: ["category": "exchange", "severity": "critical"])
        XCTAssertTrue((exchange["errors"].array ?? []).allSatisfy { $0["category"]?.string == "exchange" && $0["severity"]?.string == "critical" })

        let critical = try admin.call("listCriticalErrors")
        XCTAssertEqual(critical.status, 200, critical.message.summary)
        XCTAssertTrue((critical["errors"].array ?? []).allSatisfy { $0["severity"]?.string == "critical" })

        let stats = try admin.call("getErrorStats")
        XCTAssertEqual(stats.status, 200, stats.message.summary)
        let total = try XCTUnwrap(stats["total"].integer)
        let severities = ["critical", "error", "warning"].compactMap { stats["by_severity"][$0]?.integer }
        let categories = ["database", "exchange", "strategy", "provider", "system"].compactMap { stats["by_category"][$0]?.integer }
        XCTAssertEqual(severities.count, 3)
        XCTAssertEqual(categories.count, 5, "every category is counted, 0 when none")
        XCTAssertEqual(severities.reduce(0, +), total)
        XCTAssertEqual(categories.reduce(0, +), total)
        XCTAssertGreaterThanOrEqual(stats["by_category"]["strategy"]?.integer ?? 0, 1)
        XCTAssertEqual(stats["by_severity"]["critical"]?.integer, critical["total"].integer)
    }

    /// A manual order the exchange refuses (more than the balance buys) is recorded as an
    /// `exchange` warning naming the order; a malformed one is the caller's mistake and is not.
    func anExchangeRejectionIsRecorded() throws {
        let admin = try admin()
        let trader = try account("trader").client
        let before = try admin.call("listErrors", query: ["category": "exchange", "limit": "100"])["total"].integer ?? 0
        let refused = try trader.call("createOrder", body: [
            "symbol": "BTC-USDT", "side": "Buy", "order_type": "Market", "quantity": "1000000",
        ])
        assertError(refused, 422, "PORT_001")
        assertValidationError(try trader.call("createOrder", body: [
            "symbol": "BTC-USDT", "side": "Buy", "order_type": "Market", "quantity": "0",
        ]), field: "quantity")
        var listed = try admin.call("listErrors", query: ["category": "exchange", "limit": "100"])
        let deadline = Date().addingTimeInterval(10)
        while (listed["total"].integer ?? 0) <= before, Date() < deadline {
            Thread.sleep(forTimeInterval: 0.1)
            listed = try admin.call("listErrors", query: ["category": "exchange", "limit": "100"])
        }
        XCTAssertEqual(listed["total"].integer, before + 1, "one refusal, one record: \(listed.message.summary)")
        let record = try XCTUnwrap(listed["errors"][0])
        XCTAssertEqual(record["severity"], "warning")
        XCTAssertEqual(record["category"], "exchange")
        XCTAssertTrue((record["message"]?.string ?? "").contains("Insufficient balance"), "\(record)")
        XCTAssertEqual(record["details"]?["symbol"], "BTC-USDT")
        XCTAssertEqual(record["details"]?["side"], "Buy")
        XCTAssertEqual(record["details"]?["quantity"], "1000000")
    }

    /// The summary: the backend in use with a measured round trip, the engine's counters as
    /// the strategies report them, the account, this instance's WebSocket clients, the error
    /// counts as `/stats` gives them, and the process memory.
    func theSystemSummaryDescribesTheServer() throws {
        let admin = try admin()
        let viewer = try account("viewer")
        let socket = try webSocket()
        defer { socket.close() }
        try socket.send(["type": "auth", "token": .string(viewer.accessToken)])
        XCTAssertEqual(try socket.receive(where: { $0["type"] == "auth_result" })["success"], true)
        try socket.send(["type": "subscribe", "channels": ["market:BTC-USDT", "orders"]])
        XCTAssertEqual(try socket.receive(where: { $0["type"] == "subscribed" })["type"], "subscribed")

        let summary = try admin.call("getSystemSummary")
        XCTAssertEqual(summary.status, 200, summary.message.summary)
        XCTAssertEqual(summary["version"], spec.root["info"]?["version"])
        XCTAssertGreaterThanOrEqual(summary["uptime_seconds"].integer ?? -1, 0)
        XCTAssertEqual(summary["database"]["backend"]?.string, server.backend == .postgres ? "postgres" : "sqlite")
        XCTAssertEqual(summary["database"]["status"], "healthy")
        let stats = try admin.call("getStrategyStats")
        XCTAssertEqual(summary["engine"]["total_strategies"], stats["total_strategies"])
        XCTAssertEqual(summary["engine"]["running_strategies"], stats["running_strategies"])
        let positions = try admin.call("listPositions")
        XCTAssertEqual(summary["open_positions"].integer, positions["positions"].array?.count, positions.message.summary)
        XCTAssertGreaterThanOrEqual(summary["websocket"]["connections"]?.integer ?? 0, 1)
        XCTAssertGreaterThanOrEqual(summary["websocket"]["authenticated_connections"]?.integer ?? 0, 1)
        XCTAssertGreaterThanOrEqual(summary["websocket"]["subscriptions"]?.integer ?? 0, 2)
        let errors = try admin.call("getErrorStats")
        XCTAssertLessThanOrEqual(errors["total"].integer ?? 0, summary["errors"]["total"]?.integer ?? -1)
        let resident = summary["memory"]["resident_bytes"]?.integer ?? 0
        XCTAssertGreaterThan(resident, 1 << 20, "a real process is more than a megabyte")
        XCTAssertGreaterThanOrEqual(summary["memory"]["peak_resident_bytes"]?.integer ?? 0, resident)

        socket.close()
        var after = try admin.call("getSystemSummary")
        let deadline = Date().addingTimeInterval(5)
        while (after["websocket"]["authenticated_connections"]?.integer ?? 0) >= (summary["websocket"]["authenticated_connections"]?.integer ?? 0),
              Date() < deadline {
            Thread.sleep(forTimeInterval: 0.1)
            after = try admin.call("getSystemSummary")
        }
        XCTAssertLessThan(after["websocket"]["authenticated_connections"]?.integer ?? 99,
                          summary["websocket"]["authenticated_connections"]?.integer ?? 0, "a closed connection leaves the count")
    }

    func monitoringIsForAdminsAndValidatesItsFilters() throws {
        for operation in ["listErrors", "listCriticalErrors", "getErrorStats", "getSystemSummary"] {
            assertError(try api.call(operation), 401, "MISSING_TOKEN")
            assertError(try account("trader").client.call(operation), 403, "INSUFFICIENT_PERMISSION")
        }
        let admin = try admin()
        assertValidationError(try admin.call("listErrors", query: ["severity": "fatal"]), field: "query.severity")
        assertValidationError(try admin.call("listErrors", query: ["category": "network"]), field: "query.category")
        assertValidationError(try admin.call("listCriticalErrors", query: ["limit": "0"]), field: "query.limit")
    }
}

/// The error log on SQLite.
final class SQLiteMonitoringContractTests: ContractTestCase {
    override class var backend: ContractBackend { .sqlite }
    func testRecordedErrorsAreListedFilteredAndCounted() throws { try suite.recordedErrorsAreListedFilteredAndCounted() }
    func testAnExchangeRejectionIsRecorded() throws { try suite.anExchangeRejectionIsRecorded() }
    func testTheSystemSummaryDescribesTheServer() throws { try suite.theSystemSummaryDescribesTheServer() }
    func testMonitoringIsForAdminsAndValidatesItsFilters() throws { try suite.monitoringIsForAdminsAndValidatesItsFilters() }
}

/// The error log on PostgreSQL.
final class PostgresMonitoringContractTests: ContractTestCase {
    override class var backend: ContractBackend { .postgres }
    func testRecordedErrorsAreListedFilteredAndCounted() throws { try suite.recordedErrorsAreListedFilteredAndCounted() }
    func testAnExchangeRejectionIsRecorded() throws { try suite.anExchangeRejectionIsRecorded() }
    func testTheSystemSummaryDescribesTheServer() throws { try suite.theSystemSummaryDescribesTheServer() }
    func testMonitoringIsForAdminsAndValidatesItsFilters() throws { try suite.monitoringIsForAdminsAndValidatesItsFilters() }
}
