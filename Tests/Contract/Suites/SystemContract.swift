import CodegenCore
import Foundation
import XCTest

/// Health probes, the spec itself, Swagger UI and metrics.
extension ContractSuite {
    func healthAnswersHealthyWithTheCurrentTime() throws {
        let response = try api.call("getHealth")
        XCTAssertEqual(response.status, 200)
        XCTAssertEqual(response["status"], "healthy")
        let stamp = try XCTUnwrap(response["timestamp"].string.flatMap(Self.date), "\(response.message.summary)")
        XCTAssertLessThan(abs(stamp.timeIntervalSinceNow), 60, "the timestamp is the current time")
    }

    func readinessReportsTheDatabaseHealthy() throws {
        let response = try api.call("getReadiness")
        XCTAssertEqual(response.status, 200, response.message.summary)
        XCTAssertEqual(response["status"], "healthy")
        XCTAssertEqual(response["components"]["database"]?["status"], "healthy")
        XCTAssertEqual(response["components"]["redis"]?["status"], "disabled", "no Redis is configured")
    }

    func openApiYamlIsTheSpecFile() throws {
        let response = try api.call("getOpenApiYaml")
        XCTAssertEqual(response.status, 200)
        let served = JSONInstance(yaml: try YAMLParser.parse(response.message.text, file: "GET /openapi.yaml"))
        XCTAssertTrue(served == spec.root, "GET /openapi.yaml parses to the same document as openapi.yaml")
    }

    func openApiJsonIsTheSpecAsJSON() throws {
        let response = try api.call("getOpenApiJson")
        XCTAssertEqual(response.status, 200)
        XCTAssertTrue(response.json == spec.root, "GET /openapi.json is openapi.yaml as JSON")
    }

    func docsServeSwaggerUIForTheSpec() throws {
        let response = try api.call("getDocs")
        XCTAssertEqual(response.status, 200)
        let page = response.message.text
        XCTAssertTrue(page.contains("swagger-ui"), "the page loads Swagger UI")
        XCTAssertTrue(page.contains("/openapi.json") || page.contains("/openapi.yaml"), "Swagger UI is pointed at the served spec")
        // Scripts come from files only, so a policy without 'unsafe-inline' lets the page run.
        let policy = try XCTUnwrap(response.header("Content-Security-Policy"), "the page has a content security policy")
        XCTAssertTrue(policy.contains("script-src 'self'") && !policy.contains("unsafe-inline"), policy)
        XCTAssertFalse(page.contains("<script>"), "no inline script")
    }

    func metricsCountRequestsByOperationAndStatus() throws {
        try api.call("getHealth")
        let response = try api.call("getMetrics")
        XCTAssertEqual(response.status, 200)
        let lines = response.message.text.split(separator: "\n").map(String.init)
        XCTAssertTrue(lines.contains { $0.hasPrefix("trading_http_requests_total{operation=\"getHealth\",status=\"200\"} ") },
                      "GET /health is counted:\n\(response.message.text)")
        for store in ["candles", "exchange"] {
            XCTAssertTrue(lines.contains("trading_persistence_failures_total{store=\"\(store)\"} 0"),
                          "the engine's \(store) writes, none refused:\n\(response.message.text)")
        }
        // The text exposition format: comments, or `name{labels} value`.
        let sample = try NSRegularExpression(pattern: "^[a-zA-Z_:][a-zA-Z0-9_:]*(\\{[^}]*\\})? -?[0-9.eE+-]+( [0-9]+)?$|^[+-]?(Inf|NaN)$")
        for line in lines where !line.hasPrefix("#") {
            XCTAssertNotNil(sample.firstMatch(in: line, range: NSRange(line.startIndex..., in: line)), "not a Prometheus sample: \(line)")
        }
    }

    /// libpq is loaded when the server stores in PostgreSQL, and never mapped on SQLite (with
    /// it, Kerberos, LDAP and GnuTLS would come too).
    func libpqIsMappedOnlyWhenStoringInPostgreSQL() throws {
        try api.call("getReadiness")
        let libraries = server.mappedFiles.map { URL(fileURLWithPath: $0).lastPathComponent }
        XCTAssertFalse(libraries.isEmpty, "the server's mappings are readable")
        let libpq = libraries.filter { $0.hasPrefix("libpq.so") }
        XCTAssertEqual(!libpq.isEmpty, server.backend == .postgres, "libpq mapped: \(libpq); all: \(libraries.sorted())")
    }

    /// An RFC 3339 timestamp as a date.
    static func date(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: text)
    }
}

/// The system operations on SQLite.
final class SQLiteSystemContractTests: SQLiteContractTestCase {
    func testHealthAnswersHealthyWithTheCurrentTime() throws { try suite.healthAnswersHealthyWithTheCurrentTime() }
    func testReadinessReportsTheDatabaseHealthy() throws { try suite.readinessReportsTheDatabaseHealthy() }
    func testOpenApiYamlIsTheSpecFile() throws { try suite.openApiYamlIsTheSpecFile() }
    func testOpenApiJsonIsTheSpecAsJSON() throws { try suite.openApiJsonIsTheSpecAsJSON() }
    func testDocsServeSwaggerUIForTheSpec() throws { try suite.docsServeSwaggerUIForTheSpec() }
    func testMetricsCountRequestsByOperationAndStatus() throws { try suite.metricsCountRequestsByOperationAndStatus() }
    func testWhenSentSIGTERMTheServerExitsCleanly() { assertServerExitsCleanlyOnSIGTERM() }
    func testLibpqIsMappedOnlyWhenStoringInPostgreSQL() throws { try suite.libpqIsMappedOnlyWhenStoringInPostgreSQL() }
}

/// The system operations on PostgreSQL.
final class PostgresSystemContractTests: PostgresContractTestCase {
    func testHealthAnswersHealthyWithTheCurrentTime() throws { try suite.healthAnswersHealthyWithTheCurrentTime() }
    func testReadinessReportsTheDatabaseHealthy() throws { try suite.readinessReportsTheDatabaseHealthy() }
    func testOpenApiYamlIsTheSpecFile() throws { try suite.openApiYamlIsTheSpecFile() }
    func testOpenApiJsonIsTheSpecAsJSON() throws { try suite.openApiJsonIsTheSpecAsJSON() }
    func testDocsServeSwaggerUIForTheSpec() throws { try suite.docsServeSwaggerUIForTheSpec() }
    func testMetricsCountRequestsByOperationAndStatus() throws { try suite.metricsCountRequestsByOperationAndStatus() }
    func testWhenSentSIGTERMTheServerExitsCleanly() { assertServerExitsCleanlyOnSIGTERM() }
    func testLibpqIsMappedOnlyWhenStoringInPostgreSQL() throws { try suite.libpqIsMappedOnlyWhenStoringInPostgreSQL() }
}
