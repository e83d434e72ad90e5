import Foundation
import Generated
import XCTest
@testable import Gateway
import APIRuntime
import Handlers

/// Health, readiness, Swagger UI and metrics handlers.
final class HealthAndSystemTests: XCTestCase {
    private let context = RequestContext(requestID: "r1")

    func testReadinessIsHealthyWithUnconfiguredComponentsDisabled() async throws {
        guard case .ok(let body) = try await HealthHandler().getReadiness(GetReadinessInput(), context: context) else {
            return XCTFail("expected 200")
        }
        XCTAssertEqual(body.status, .healthy)
        XCTAssertEqual(body.components.redis.status, .disabled)
    }

    func testReadinessIs503WhenAComponentIsUnhealthy() async throws {
        let handler = HealthHandler(database: { ComponentHealth(status: .unhealthy, message: "connection refused") })
        guard case .serviceUnavailable(let body) = try await handler.getReadiness(GetReadinessInput(), context: context) else {
            return XCTFail("expected 503")
        }
        XCTAssertEqual(body.status, .unhealthy)
        XCTAssertEqual(body.components.database.message, "connection refused")
    }

    func testSwaggerPageUsesLocalAssetsWhenFoundAndTheCDNOtherwise() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("swagger-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("css".utf8).write(to: folder.appendingPathComponent("swagger-ui.css"))
        try Data("js".utf8).write(to: folder.appendingPathComponent("swagger-ui-bundle.js"))
        let local = SwaggerUI(folder: folder.path)
        XCTAssertTrue(local.page(title: "T").contains("/docs/assets/swagger-ui-bundle.js"))
        XCTAssertEqual(local.asset(forPath: "/docs/assets/swagger-ui.css")?.bytes, Array("css".utf8))
        XCTAssertNil(local.asset(forPath: "/docs/assets/../../etc/passwd"))
        let remote = SwaggerUI(folder: folder.appendingPathComponent("missing").path)
        XCTAssertTrue(remote.page(title: "T").contains("https://unpkg.com/swagger-ui-dist@5/swagger-ui-bundle.js"))
        XCTAssertTrue(remote.page(title: "T").contains(#"data-spec-url="/openapi.json""#))
    }

    func testMetricsRenderPrometheusText() {
        let metrics = Metrics(marketEvents: { [(symbol: "GOOG", events: 7), (symbol: "BTC-USDT", events: 12)] },
                              persistenceFailures: { [(store: "candles", failures: 0), (store: "exchange", failures: 3)] })
        metrics.recordRequest(operation: "getHealth", status: 200, seconds: 0.002)
        metrics.recordRequest(operation: "getHealth", status: 200, seconds: 0.001)
        metrics.webSocketOpened("/ws")
        let text = metrics.render()
        XCTAssertTrue(text.contains(#"trading_http_requests_total{operation="getHealth",status="200"} 2"#))
        XCTAssertTrue(text.contains(#"trading_http_request_duration_seconds_count{operation="getHealth"} 2"#))
        XCTAssertTrue(text.contains(#"trading_websocket_connections{path="/ws"} 1"#))
        XCTAssertTrue(text.contains("# TYPE trading_http_requests_total counter"))
        XCTAssertTrue(text.contains("trading_market_events_total{symbol=\"BTC-USDT\"} 12\ntrading_market_events_total{symbol=\"GOOG\"} 7\n"))
        XCTAssertTrue(text.contains("# TYPE trading_persistence_failures_total counter\n"))
        XCTAssertTrue(text.contains("trading_persistence_failures_total{store=\"candles\"} 0\ntrading_persistence_failures_total{store=\"exchange\"} 3\n"))
    }
}

/// The families `/metrics` reads from the engine, the streams and the database.
final class MetricsFamiliesTests: XCTestCase {
    func testLabelValuesAreEscapedAndNumbersWrittenAsPrometheusReadsThem() {
        var text = PrometheusText()
        text.family("x_total", .counter, help: "A\nhelp \\ text.")
        text.sample("x_total", ["strategy": "a\"b\\c\nd"], 3)
        text.sample("x_total", ["strategy": "f"], 0.25)
        XCTAssertEqual(text.text, "# HELP x_total A\\nhelp \\\\ text.\n# TYPE x_total counter\n"
                       + "x_total{strategy=\"a\\\"b\\\\c\\nd\"} 3\nx_total{strategy=\"f\"} 0.25\n")
        XCTAssertEqual(PrometheusText.number(.infinity), "+Inf")
        XCTAssertEqual(PrometheusText.number(2), "2")
    }

    func testHistogramsAreCumulativeAndEndAtInfinity() {
        var text = PrometheusText()
        text.histogram("h_seconds", label: ("operation", "read"), bounds: [0.1, 1], cumulative: [1, 3, 4], sum: 2.5)
        XCTAssertEqual(text.text, """
            h_seconds_bucket{operation="read",le="0.1"} 1
            h_seconds_bucket{operation="read",le="1"} 3
            h_seconds_bucket{operation="read",le="+Inf"} 4
            h_seconds_sum{operation="read"} 2.5
            h_seconds_count{operation="read"} 4

            """)
    }

    func testWebSocketMessagesAreCountedByChannelKind() {
        let counters = WebSocketMessageCounters()
        counters.published(.market, reached: 3)
        counters.published(.market, reached: 2)
        counters.published(.marketPrice, reached: 1)
        counters.published(.orders, reached: 0)
        var sources = Metrics.Sources()
        sources.webSocketMessages = counters
        sources.backgroundJobs = { [(status: "running", count: 1), (status: "completed", count: 4)] }
        let text = Metrics(sources: sources).render()
        XCTAssertTrue(text.contains("trading_websocket_messages_total{path=\"/ws\",channel=\"market\"} 2\n"), text)
        XCTAssertTrue(text.contains("trading_websocket_messages_sent_total{path=\"/ws\",channel=\"market\"} 5\n"), text)
        XCTAssertTrue(text.contains("trading_websocket_messages_sent_total{path=\"/ws/market\",channel=\"price\"} 1\n"), text)
        XCTAssertTrue(text.contains("trading_websocket_messages_total{path=\"/ws\",channel=\"orders\"} 0\n"), "no subscriber, not counted")
        XCTAssertTrue(text.contains("trading_background_jobs{status=\"completed\"} 4\ntrading_background_jobs{status=\"running\"} 1\n"), text)
    }
}
