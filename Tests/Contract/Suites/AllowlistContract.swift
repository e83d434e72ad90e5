import XCTest

/// The IP allowlist, on a server that allows only 192.0.2.0/24 (TEST-NET-1), so that every
/// request of the suite, from 127.0.0.1, comes from outside it.
extension ContractSuite {
    func operationsRefuseAddressesOutsideTheAllowlist() throws {
        assertError(try api.call("login", body: ["username": "admin", "password": "whatever-password"]), 403, "IP_NOT_ALLOWED")
        assertError(try api.call("getCurrentUser"), 403, "IP_NOT_ALLOWED")
        assertError(try api.call("listUsers"), 403, "IP_NOT_ALLOWED")
    }

    func probesAnswerWhateverTheAddress() throws {
        XCTAssertEqual(try api.call("getHealth").status, 200, "a load balancer's probe is not an API client")
        XCTAssertEqual(try api.call("getReadiness").status, 200)
    }

    func webSocketUpgradesRefuseAddressesOutsideTheAllowlist() throws {
        let upgrade = HTTPRequestMessage(method: "GET", target: "/ws", headers: [
            ("Upgrade", "websocket"), ("Connection", "Upgrade"),
            ("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ=="), ("Sec-WebSocket-Version", "13"),
        ])
        let response = try upgrade.send(to: server.port)
        XCTAssertEqual(response.status, 403, response.summary)
        // x-websocket documents this refusal as an `ErrorResponse` with IP_NOT_ALLOWED.
        let body = try JSONInstance.parse(response.body)
        let pointer = "#/components/schemas/ErrorResponse"
        XCTAssertEqual(try SchemaValidator(document: spec.root).violations(of: body, against: ["$ref": .string(pointer)], at: pointer), [])
        XCTAssertEqual(body["code"], "IP_NOT_ALLOWED")
    }
}

/// A server that allows only TEST-NET-1.
class AllowlistContractTestCase: ContractTestCase {
    override class var serverArguments: [String] { ["--ip-allowlist", "192.0.2.0/24"] }
}

/// The allowlist on SQLite.
final class SQLiteAllowlistContractTests: AllowlistContractTestCase {
    override class var backend: ContractBackend { .sqlite }
    func testOperationsRefuseAddressesOutsideTheAllowlist() throws { try suite.operationsRefuseAddressesOutsideTheAllowlist() }
    func testEveryOperationRefusesAnAddressOutsideTheAllowlist() throws { try suite.everyOperationRefusesAnAddressOutsideTheAllowlist() }
    func testProbesAnswerWhateverTheAddress() throws { try suite.probesAnswerWhateverTheAddress() }
    func testWebSocketUpgradesRefuseAddressesOutsideTheAllowlist() throws { try suite.webSocketUpgradesRefuseAddressesOutsideTheAllowlist() }
    func testWhenSentSIGTERMTheServerExitsCleanly() { assertServerExitsCleanlyOnSIGTERM() }
}

/// The allowlist on PostgreSQL.
final class PostgresAllowlistContractTests: AllowlistContractTestCase {
    override class var backend: ContractBackend { .postgres }
    func testOperationsRefuseAddressesOutsideTheAllowlist() throws { try suite.operationsRefuseAddressesOutsideTheAllowlist() }
    func testEveryOperationRefusesAnAddressOutsideTheAllowlist() throws { try suite.everyOperationRefusesAnAddressOutsideTheAllowlist() }
    func testProbesAnswerWhateverTheAddress() throws { try suite.probesAnswerWhateverTheAddress() }
    func testWebSocketUpgradesRefuseAddressesOutsideTheAllowlist() throws { try suite.webSocketUpgradesRefuseAddressesOutsideTheAllowlist() }
    func testWhenSentSIGTERMTheServerExitsCleanly() { assertServerExitsCleanlyOnSIGTERM() }
}
