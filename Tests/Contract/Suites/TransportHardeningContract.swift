import XCTest

/// `/metrics` behind its token and address allowlist, and the per-address cap on WebSocket
/// connections, on a server that sets both (`TransportHardeningContractTestCase`).
extension ContractSuite {
    /// The `--metrics-token` of `TransportHardeningContractTestCase`.
    static let metricsToken = "contract-metrics-token-5f1e2d3c"
    /// Its `--ws-connections-per-address`.
    static let webSocketsPerAddress = 2

    func metricsAskForTheirTokenWhenOneIsConfigured() throws {
        assertError(try api.call("getMetrics"), 401, "MISSING_TOKEN")
        assertError(try api.bearer(Self.metricsToken + "-not").call("getMetrics"), 401, "INVALID_TOKEN")
        assertError(try admin().call("getMetrics"), 401, "INVALID_TOKEN")
        let granted = try api.bearer(Self.metricsToken).call("getMetrics")
        XCTAssertEqual(granted.status, 200, granted.message.summary)
        XCTAssertTrue(granted.message.text.contains("trading_http_requests_total"), granted.message.summary)
    }

    func metricsRefuseClientsOutsideTheirAllowlist() throws {
        let outside = api.bearer(Self.metricsToken).forwarded(for: "192.0.2.10")
        assertError(try outside.call("getMetrics"), 403, "IP_NOT_ALLOWED")
        XCTAssertEqual(try api.bearer(Self.metricsToken).forwarded(for: "127.0.0.1").call("getMetrics").status, 200)
    }

    func webSocketUpgradesPastTheCapPerAddressAreRefused() throws {
        let held = try (0..<Self.webSocketsPerAddress).map { index in
            try ContractWebSocket(port: server.port, path: index == 0 ? "/ws" : "/ws/market", spec: spec)
        }
        defer { held.forEach { $0.close() } }
        let upgrade = HTTPRequestMessage(method: "GET", target: "/ws", headers: [
            ("Upgrade", "websocket"), ("Connection", "Upgrade"),
            ("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ=="), ("Sec-WebSocket-Version", "13"),
        ])
        let response = try upgrade.send(to: server.port)
        XCTAssertEqual(response.status, 429, response.summary)
        XCTAssertNotNil(response.header("Retry-After").flatMap(Int.init), "a 429 says when to retry")
        // x-websocket documents this refusal (`responses`, 429) as an `ErrorResponse`.
        let (endpoint, pointer) = try spec.webSocketEndpoint(path: "/ws")
        let documented = try SpecDocument.resolve(try XCTUnwrap(endpoint["responses"]?["429"]), in: spec.root)
        let schema = try XCTUnwrap(documented["content"]?["application/json"]?["schema"], "\(pointer)/responses/429")
        let body = try JSONInstance.parse(response.body)
        XCTAssertEqual(try SchemaValidator(document: spec.root).violations(of: body, against: schema, at: pointer + "/responses/429"), [])
        XCTAssertEqual(body["code"], "RATE_LIMITED")
        XCTAssertNotNil(documented["headers"]?["Retry-After"], "the spec documents Retry-After")
    }
}

/// A server whose `/metrics` asks for a token from 127.0.0.1 (or a client it forwards for)
/// and whose clients may hold two WebSockets each.
class TransportHardeningContractTestCase: ContractTestCase {
    override class var serverArguments: [String] {
        ["--login-rate-limit", "1000", "--metrics-token", ContractSuite.metricsToken, "--metrics-allowlist", "127.0.0.1/32",
         "--trusted-proxies", "127.0.0.1/32", "--ws-connections-per-address", String(ContractSuite.webSocketsPerAddress)]
    }
}

/// Transport hardening on SQLite.
final class SQLiteTransportHardeningContractTests: TransportHardeningContractTestCase {
    override class var backend: ContractBackend { .sqlite }
    func testMetricsAskForTheirTokenWhenOneIsConfigured() throws { try suite.metricsAskForTheirTokenWhenOneIsConfigured() }
    func testMetricsRefuseClientsOutsideTheirAllowlist() throws { try suite.metricsRefuseClientsOutsideTheirAllowlist() }
    func testWebSocketUpgradesPastTheCapPerAddressAreRefused() throws { try suite.webSocketUpgradesPastTheCapPerAddressAreRefused() }
    func testWhenSentSIGTERMTheServerExitsCleanly() { assertServerExitsCleanlyOnSIGTERM() }
}

/// Transport hardening on PostgreSQL.
final class PostgresTransportHardeningContractTests: TransportHardeningContractTestCase {
    override class var backend: ContractBackend { .postgres }
    func testMetricsAskForTheirTokenWhenOneIsConfigured() throws { try suite.metricsAskForTheirTokenWhenOneIsConfigured() }
    func testMetricsRefuseClientsOutsideTheirAllowlist() throws { try suite.metricsRefuseClientsOutsideTheirAllowlist() }
    func testWebSocketUpgradesPastTheCapPerAddressAreRefused() throws { try suite.webSocketUpgradesPastTheCapPerAddressAreRefused() }
    func testWhenSentSIGTERMTheServerExitsCleanly() { assertServerExitsCleanlyOnSIGTERM() }
}
