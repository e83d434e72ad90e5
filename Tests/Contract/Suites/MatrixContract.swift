import Foundation
import XCTest

/// The refusals every operation shares, checked across the whole spec rather than one
/// operation at a time: whatever an operation documents among 400, 401, 403, 413 and 429, a
/// request that should meet it does, with the documented body. The requests are built from
/// the spec (`MinimalRequest`, the 501 meta-test's valid request) and then spoiled in the
/// one way each refusal is about, so a new operation is covered the day it is added.
extension ContractSuite {
    /// The operations documenting `status`.
    func operations(documenting status: String) -> [SpecOperation] {
        spec.operations.filter { $0.documentedStatuses.contains(status) }
    }

    /// Sends the valid request of `operation` with `client`, then holds the answer to the spec.
    func callMinimal(_ operation: SpecOperation, as client: ContractClient) throws -> ContractResponse {
        let (request, message) = try MinimalRequest(operation, in: spec).send(operation, with: client)
        return try client.validated(message, of: operation, request: request)
    }

    func everyProtectedOperationAnswers401WithoutCredentials() throws {
        let protected = operations(documenting: "401").filter { $0.node["x-required-role"]?.string != "public" }
        XCTAssertFalse(protected.isEmpty)
        for operation in protected {
            assertError(try callMinimal(operation, as: api), 401, "MISSING_TOKEN")
            assertError(try callMinimal(operation, as: api.bearer("not.a.token")), 401, "INVALID_TOKEN")
        }
    }

    /// Each operation documenting 400 gets a request its schemas refuse: a body that is not
    /// JSON where it takes one, else a parameter outside its schema (a number that is not one,
    /// a value outside an enum, a text past its length or pattern, a malformed UUID or date).
    func everyOperationAnswers400ToAnInvalidRequest() throws {
        let admin = try admin()
        for operation in operations(documenting: "400") {
            guard let spoiled = try invalidRequest(for: operation) else {
                XCTFail("\(operation.id) documents 400, but its schemas give no invalid request to send")
                continue
            }
            let (request, message) = try spoiled.send(operation, with: admin)
            let response = try admin.validated(message, of: operation, request: request)
            XCTAssertEqual(response.status, 400, "\(operation.id) \(request.requestLine): \(response.message.summary)")
        }
    }

    /// The valid request of `operation` with one thing made invalid, or nil when nothing can be.
    func invalidRequest(for operation: SpecOperation) throws -> MinimalRequest? {
        var request = try MinimalRequest(operation, in: spec)
        if operation.requestBodySchema != nil {
            request.body = Array("{\"unterminated\": ".utf8)
            return request
        }
        for parameter in operation.parameters where parameter.location == "query" || parameter.location == "path" {
            guard let bad = try Self.valueOutside(parameter.schema, in: spec.root) else { continue }
            if parameter.location == "path" {
                request.path[parameter.name] = bad
            } else {
                request.query.removeAll { $0.0 == parameter.name }
                request.query.append((parameter.name, bad))
            }
            return request
        }
        return nil
    }

    /// A text the (scalar) `schema` refuses, or nil.
    static func valueOutside(_ schema: JSONInstance, in root: JSONInstance) throws -> String? {
        let schema = try SpecDocument.resolve(schema, in: root)
        let types = schema["type"]?.array?.compactMap(\.string) ?? schema["type"]?.string.map { [$0] } ?? []
        if types.contains("integer") || types.contains("number") {
            if let maximum = schema["maximum"]?.number { return String(Int(maximum.rounded(.down)) + 1) }
            return "not-a-number"
        }
        if types.contains("boolean") { return "maybe" }
        if schema["enum"] != nil { return "not-one-of-the-values" }
        if let format = schema["format"]?.string, ["uuid", "date", "date-time"].contains(format) { return "not-a-\(format)" }
        if let maximum = schema["maxLength"]?.integer { return String(repeating: "a", count: maximum + 1) }
        if schema["pattern"] != nil { return "!" }
        if let branch = schema["oneOf"]?[0] ?? schema["anyOf"]?[0] { return try valueOutside(branch, in: root) }
        return nil
    }

    /// On a server that allows only TEST-NET-1: every operation but the probes refuses 127.0.0.1.
    func everyOperationRefusesAnAddressOutsideTheAllowlist() throws {
        for operation in operations(documenting: "403") where !["getHealth", "getReadiness"].contains(operation.id) {
            assertError(try callMinimal(operation, as: api), 403, "IP_NOT_ALLOWED")
        }
    }

    /// On a server of tiny limits: every operation taking a body refuses one past the limit.
    func everyOperationWithABodyRefusesOneOverTheLimit() throws {
        let body = Array(("{\"padding\": \"" + String(repeating: "x", count: Self.bodyLimitBytes) + "\"}").utf8)
        for operation in operations(documenting: "413") {
            XCTAssertNotNil(operation.requestBody, "\(operation.id) documents 413 but takes no body")
            let (request, message) = try api.send(operation, path: try MinimalRequest(operation, in: spec).path, query: [], body: body)
            assertError(try api.validated(message, of: operation, request: request), 413, "PAYLOAD_TOO_LARGE")
        }
    }

    /// On a server of tiny limits: once a principal has spent its requests, every operation
    /// of the standard class answers it 429 with `Retry-After`.
    func everyOperationIsRateLimitedPerPrincipal() throws {
        let admin = try admin()
        for _ in 0..<Self.requestLimitPerMinute { _ = try admin.call("getCurrentUser") }
        for operation in operations(documenting: "429") where operation.node["x-rate-class"]?.string == "standard" {
            let limited = try callMinimal(operation, as: admin)
            assertError(limited, 429, "RATE_LIMITED")
            XCTAssertNotNil(limited.header("Retry-After"), "\(operation.id): a 429 says when to retry")
        }
        // The auth class: login's limit per username is `loginIsLimitedPerUsernameAndAddress`'s;
        // logins and refreshes share a limit per address (`--auth-rate-limit`, 30 a minute): a
        // proxied address here, so that the test's own stays unspent.
        let prober = api.forwarded(for: "192.0.2.50")
        var refreshed = try prober.call("refreshToken", body: ["refresh_token": "not-a-refresh-token"])
        for _ in 0..<40 where refreshed.status != 429 {
            refreshed = try prober.call("refreshToken", body: ["refresh_token": "not-a-refresh-token"])
        }
        assertError(refreshed, 429, "RATE_LIMITED")
    }
}

/// A server where failed credential checks are not limited, so that every operation can be
/// called without or with a bad token.
class MatrixContractTestCase: ContractTestCase {
    override class var serverArguments: [String] { super.serverArguments + ["--auth-failure-limit", "1000000"] }
}

/// The shared refusals on SQLite (the allowlist's run on its server: see `AllowlistContract`).
final class SQLiteMatrixContractTests: MatrixContractTestCase {
    override class var backend: ContractBackend { .sqlite }
    func testEveryProtectedOperationAnswers401WithoutCredentials() throws { try suite.everyProtectedOperationAnswers401WithoutCredentials() }
    func testEveryOperationAnswers400ToAnInvalidRequest() throws { try suite.everyOperationAnswers400ToAnInvalidRequest() }
    func testWhenSentSIGTERMTheServerExitsCleanly() { assertServerExitsCleanlyOnSIGTERM() }
}

/// The shared refusals on PostgreSQL.
final class PostgresMatrixContractTests: MatrixContractTestCase {
    override class var backend: ContractBackend { .postgres }
    func testEveryProtectedOperationAnswers401WithoutCredentials() throws { try suite.everyProtectedOperationAnswers401WithoutCredentials() }
    func testEveryOperationAnswers400ToAnInvalidRequest() throws { try suite.everyOperationAnswers400ToAnInvalidRequest() }
    func testWhenSentSIGTERMTheServerExitsCleanly() { assertServerExitsCleanlyOnSIGTERM() }
}

/// Size and rate limits of every operation, on a server of tiny limits of its own (its
/// principal's requests are spent by the test, so it shares no server with `LimitsContract`).
final class SQLiteLimitsMatrixContractTests: LimitsContractTestCase {
    override class var backend: ContractBackend { .sqlite }
    func testEveryOperationIsRateLimitedPerPrincipal() throws { try suite.everyOperationIsRateLimitedPerPrincipal() }
    func testEveryOperationWithABodyRefusesOneOverTheLimit() throws { try suite.everyOperationWithABodyRefusesOneOverTheLimit() }
    func testWhenSentSIGTERMTheServerExitsCleanly() { assertServerExitsCleanlyOnSIGTERM() }
}

/// Size and rate limits of every operation on PostgreSQL.
final class PostgresLimitsMatrixContractTests: LimitsContractTestCase {
    override class var backend: ContractBackend { .postgres }
    func testEveryOperationIsRateLimitedPerPrincipal() throws { try suite.everyOperationIsRateLimitedPerPrincipal() }
    func testEveryOperationWithABodyRefusesOneOverTheLimit() throws { try suite.everyOperationWithABodyRefusesOneOverTheLimit() }
    func testWhenSentSIGTERMTheServerExitsCleanly() { assertServerExitsCleanlyOnSIGTERM() }
}
