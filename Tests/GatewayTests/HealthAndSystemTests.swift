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
