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
        let categories = ["database", "exchange", "strategy", "system"].compactMap { stats["by_category"][$0]?.integer }
        XCTAssertEqual(severities.count, 3)
        XCTAssertEqual(categories.count, 4, "every category is counted, 0 when none")
        XCTAssertEqual(severities.reduce(0, +), total)
        XCTAssertEqual(categories.reduce(0, +), total)
        XCTAssertGreaterThanOrEqual(stats["by_category"]["strategy"]?.integer ?? 0, 1)
        XCTAssertEqual(stats["by_severity"]["critical"]?.integer, critical["total"].integer)
    }

    func monitoringIsForAdminsAndValidatesItsFilters() throws {
        for operation in ["listErrors", "listCriticalErrors", "getErrorStats"] {
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
    func testMonitoringIsForAdminsAndValidatesItsFilters() throws { try suite.monitoringIsForAdminsAndValidatesItsFilters() }
}

/// The error log on PostgreSQL.
final class PostgresMonitoringContractTests: ContractTestCase {
    override class var backend: ContractBackend { .postgres }
    func testRecordedErrorsAreListedFilteredAndCounted() throws { try suite.recordedErrorsAreListedFilteredAndCounted() }
    func testMonitoringIsForAdminsAndValidatesItsFilters() throws { try suite.monitoringIsForAdminsAndValidatesItsFilters() }
}
