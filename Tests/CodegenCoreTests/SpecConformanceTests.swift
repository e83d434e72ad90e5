import Foundation
import XCTest
@testable import CodegenCore

/// The product's openapi.yaml: complete (every endpoint of API.md with its role) and
/// fully annotated (operationId, tag, role, rate class, documented errors).
final class SpecConformanceTests: XCTestCase {
    static let specPath = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("openapi.yaml").path

    /// Every endpoint of API.md (../shared/API.md) with its role.
    static let documented: [(method: String, path: String, role: String)] = [
        ("POST", "/api/v1/auth/login", "public"),
        ("POST", "/api/v1/auth/refresh", "public"),
        ("POST", "/api/v1/auth/logout", "viewer"),
        ("GET", "/api/v1/auth/me", "viewer"),
        ("GET", "/health", "public"),
        ("GET", "/health/ready", "public"),
        ("GET", "/api/v1/users", "admin"),
        ("POST", "/api/v1/users", "admin"),
        ("PATCH", "/api/v1/users/{id}", "admin"),
        ("DELETE", "/api/v1/users/{id}", "admin"),
        ("GET", "/api/v1/api-keys", "viewer"),
        ("POST", "/api/v1/api-keys", "viewer"),
        ("DELETE", "/api/v1/api-keys/{id}", "viewer"),
        ("GET", "/api/v1/strategies", "viewer"),
        ("POST", "/api/v1/strategies", "trader"),
        ("GET", "/api/v1/strategies/stats", "viewer"),
        ("GET", "/api/v1/strategies/types", "viewer"),
        ("GET", "/api/v1/strategies/{id}", "viewer"),
        ("DELETE", "/api/v1/strategies/{id}", "trader"),
        ("POST", "/api/v1/strategies/{id}/start", "trader"),
        ("POST", "/api/v1/strategies/{id}/stop", "trader"),
        ("PUT", "/api/v1/strategies/{id}/config", "trader"),
        ("GET", "/api/v1/orders", "viewer"),
        ("POST", "/api/v1/orders", "trader"),
        ("GET", "/api/v1/orders/stats", "viewer"),
        ("GET", "/api/v1/orders/{id}", "viewer"),
        ("DELETE", "/api/v1/orders/{id}", "trader"),
        ("GET", "/api/v1/positions", "viewer"),
        ("GET", "/api/v1/positions/summary", "viewer"),
        ("GET", "/api/v1/positions/{symbol}", "viewer"),
        ("GET", "/api/v1/balances", "viewer"),
        ("GET", "/api/v1/market/klines/multi", "viewer"),
        ("GET", "/api/v1/market/price/{symbol}", "viewer"),
        ("GET", "/api/v1/market/history/{symbol}", "viewer"),
        ("GET", "/api/v1/market/orderbook/{symbol}", "viewer"),
        ("GET", "/api/v1/ranking", "viewer"),
        ("GET", "/api/v1/ranking/7factor/{ticker}", "viewer"),
        ("POST", "/api/v1/ranking/7factor/batch", "viewer"),
        ("POST", "/api/v1/screening/filter", "viewer"),
        ("GET", "/api/v1/screening/presets", "viewer"),
        ("POST", "/api/v1/screening/refresh-cache", "admin"),
        ("GET", "/api/v1/reality-check/stats", "viewer"),
        ("GET", "/api/v1/reality-check/history", "viewer"),
        ("GET", "/api/v1/analysis/prediction/{symbol}", "viewer"),
        ("GET", "/api/v1/analysis/risk/{symbol}", "viewer"),
        ("GET", "/api/v1/portfolio/positions", "viewer"),
        ("POST", "/api/v1/portfolio/positions", "trader"),
        ("GET", "/api/v1/watchlist", "viewer"),
        ("POST", "/api/v1/watchlist", "viewer"),
        ("POST", "/api/v1/watchlist/{id}/items", "viewer"),
        ("DELETE", "/api/v1/watchlist/{id}/items/{symbol}", "viewer"),
        // Beyond API.md's table (issue 19): renaming a group, and document A's "관심종목 삭제"
        // for a whole group as well as for one symbol.
        ("PATCH", "/api/v1/watchlist/{id}", "viewer"),
        ("DELETE", "/api/v1/watchlist/{id}", "viewer"),
        ("GET", "/api/v1/journal/positions", "viewer"),
        ("GET", "/api/v1/journal/executions", "viewer"),
        ("GET", "/api/v1/journal/cost-basis/{symbol}", "viewer"),
        ("GET", "/api/v1/monitoring/errors", "admin"),
        ("GET", "/api/v1/monitoring/errors/critical", "admin"),
        ("GET", "/api/v1/monitoring/stats", "admin"),
        ("GET", "/api/v1/monitoring/summary", "admin"),
        ("GET", "/api/v1/symbols/failed", "viewer"),
        ("POST", "/api/v1/symbols/{symbol}/reactivate", "admin"),
        ("POST", "/api/v1/symbols/sync", "admin"),
        ("GET", "/api/v1/dataset", "viewer"),
        ("POST", "/api/v1/dataset/fetch", "admin"),
        ("GET", "/api/v1/dataset/search", "viewer"),
        ("POST", "/api/v1/dataset/symbols/batch", "viewer"),
        ("GET", "/api/v1/dataset/symbols/failed", "viewer"),
        ("GET", "/api/v1/dataset/symbols/stats", "viewer"),
        ("POST", "/api/v1/dataset/symbols/reactivate", "admin"),
        ("DELETE", "/api/v1/dataset/symbols/{ticker}", "admin"),
        ("POST", "/api/v1/dataset/symbols/cleanup-orphans", "admin"),
        ("GET", "/api/v1/dataset/{symbol}", "viewer"),
        ("DELETE", "/api/v1/dataset/{symbol}", "admin"),
        ("POST", "/api/v1/notifications/telegram/test", "admin"),
        ("GET", "/openapi.yaml", "public"),
        ("GET", "/openapi.json", "public"),
        ("GET", "/docs", "public"),
        ("GET", "/metrics", "public"),
    ]

    private var model: OpenAPIModel!

    override func setUpWithError() throws {
        model = try ModelBuilder.build(contentsOf: Self.specPath)
    }

    func testEveryDocumentedEndpointExistsWithItsRole() {
        for endpoint in Self.documented {
            guard let operation = model.operations.first(where: { $0.method == endpoint.method && $0.path == endpoint.path }) else {
                XCTFail("\(endpoint.method) \(endpoint.path) is missing from openapi.yaml")
                continue
            }
            XCTAssertEqual(operation.requiredRole.rawValue, endpoint.role, "\(endpoint.method) \(endpoint.path)")
        }
        XCTAssertEqual(model.operations.count, Self.documented.count, "operations not listed in API.md")
    }

    func testEveryOperationHasIdTagRoleAndRateClass() {
        let tagNames = Set(model.tags.map(\.name))
        for operation in model.operations {
            XCTAssertFalse(operation.id.isEmpty)
            XCTAssertTrue(tagNames.contains(operation.tag), operation.id)
            XCTAssertNotNil(operation.summary, operation.id)
            XCTAssertTrue(["auth", "standard", "none"].contains(operation.rateClass), operation.id)
        }
    }

    func testEveryListedErrorCodeHasADocumentedResponseOfItsStatus() {
        let statuses = Dictionary(uniqueKeysWithValues: model.errorCodes.map { ($0.code, $0.status) })
        for operation in model.operations {
            for code in operation.errorCodes {
                let status = statuses[code]
                XCTAssertNotNil(status, "\(operation.id): unknown code \(code)")
                XCTAssertTrue(operation.responses.contains { $0.status == status && $0.isError },
                              "\(operation.id) lists \(code) but documents no \(status ?? 0) error response")
            }
        }
    }

    func testProtectedOperationsDocumentAuthErrorsAndEveryOperationSomeError() {
        for operation in model.operations {
            XCTAssertTrue(operation.responses.contains { $0.status >= 400 }, "\(operation.id) documents no error")
            guard operation.requiredRole != .public else { continue }
            for code in ["MISSING_TOKEN", "INVALID_TOKEN", "TOKEN_EXPIRED", "INSUFFICIENT_PERMISSION", "RATE_LIMITED"] {
                XCTAssertTrue(operation.errorCodes.contains(code), "\(operation.id) does not list \(code)")
            }
        }
    }

    func testErrorCodesCoverAPIDocumentTable() {
        let codes = Set(model.errorCodes.map(\.code))
        let expected: [String: Int] = [
            "MISSING_TOKEN": 401, "INVALID_TOKEN": 401, "TOKEN_EXPIRED": 401, "INVALID_CREDENTIALS": 401,
            "INSUFFICIENT_PERMISSION": 403, "IP_NOT_ALLOWED": 403, "STRATEGY_NOT_FOUND": 404, "ORDER_NOT_FOUND": 404,
            "POSITION_NOT_FOUND": 404, "NOT_FOUND": 404, "INVALID_ORDER_ID": 400, "ALREADY_RUNNING": 400,
            "NOT_RUNNING": 400, "VALIDATION_ERROR": 400, "CONFLICT": 409, "PAYLOAD_TOO_LARGE": 413, "RATE_LIMITED": 429,
            "CANCEL_FAILED": 500, "INTERNAL_ERROR": 500, "MARKET_001": 404, "MARKET_002": 503, "PORT_001": 422,
            "PORT_002": 422, "AI_001": 503, "AI_002": 422, "NOT_IMPLEMENTED": 501, "METHOD_NOT_ALLOWED": 405,
            "SERVICE_UNAVAILABLE": 503,
        ]
        for (code, status) in expected {
            XCTAssertTrue(codes.contains(code), code)
            XCTAssertEqual(model.errorCodes.first { $0.code == code }?.status, status, code)
        }
    }

    func testWebSocketProtocolIsDescribed() throws {
        let ws = try XCTUnwrap(model.webSockets.first { $0.path == "/ws" })
        guard case .union(let client)? = model.schema(named: ws.clientMessage)?.definition,
              case .union(let server)? = model.schema(named: ws.serverMessage)?.definition else {
            return XCTFail("/ws messages must be unions")
        }
        XCTAssertEqual(client.discriminator?.mapping.map(\.value).sorted(), ["auth", "ping", "subscribe", "unsubscribe"])
        XCTAssertEqual(Set(server.discriminator?.mapping.map(\.value) ?? []), [
            "welcome", "auth_result", "subscribed", "unsubscribed", "pong", "ticker", "trade", "order_update",
            "position_update", "strategy_update", "kline", "order_book", "error",
        ])
        XCTAssertEqual(ws.channels.filter { $0.requiredRole == .viewer }.map(\.name).sorted(), ["orders", "positions", "strategies"])
        XCTAssertNotNil(model.webSockets.first { $0.path == "/ws/market" })
    }
}

/// The committed client is what the generator makes of the committed spec.
final class CommittedClientTests: XCTestCase {
    func testCommittedTypeScriptClientMatchesAFreshGeneration() throws {
        let root = URL(fileURLWithPath: SpecConformanceTests.specPath).deletingLastPathComponent()
        let client = root.appendingPathComponent("clients/typescript")
        for file in try CodegenPipeline.generate(.typescript, specPath: SpecConformanceTests.specPath) {
            let committed = try? String(contentsOf: client.appendingPathComponent(file.path), encoding: .utf8)
            XCTAssertTrue(committed == file.contents, "clients/typescript/\(file.path) is stale: run `make clients`")
        }
    }
}
