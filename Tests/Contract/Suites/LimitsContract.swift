import XCTest

/// Rate and size limits, on a server of their own with tiny limits (`LimitsContractTestCase`),
/// so that a 429 or a 413 costs a handful of requests.
extension ContractSuite {
    /// The login attempts per minute and username that `LimitsContractTestCase` allows.
    static let loginLimitPerMinute = 2
    /// The requests per minute and principal it allows on `standard` operations.
    static let requestLimitPerMinute = 5
    /// The largest request body it accepts.
    static let bodyLimitBytes = 1024
    /// The failed credential checks per minute and client address it allows.
    static let credentialFailureLimitPerMinute = 3

    func loginIsLimitedPerUsernameAndAddress() throws {
        let body: JSONInstance = ["username": .string(Self.uniqueName("guess")), "password": "wrong-password"]
        for _ in 0..<Self.loginLimitPerMinute {
            assertError(try api.call("login", body: body), 401, "INVALID_CREDENTIALS")
        }
        let limited = try api.call("login", body: body)
        assertError(limited, 429, "RATE_LIMITED")
        XCTAssertNotNil(limited.header("Retry-After"), "a 429 says when to retry")
        XCTAssertEqual(limited.header("X-RateLimit-Limit"), String(Self.loginLimitPerMinute))
        // Guesses from one address never lock the username out for the others.
        assertError(try api.forwarded(for: "192.0.2.7").call("login", body: body), 401, "INVALID_CREDENTIALS")
    }

    func failedCredentialChecksAreLimitedPerAddress() throws {
        let prober = api.bearer("not.a.token").forwarded(for: "192.0.2.8")
        for _ in 0..<Self.credentialFailureLimitPerMinute {
            assertError(try prober.call("getCurrentUser"), 401, "INVALID_TOKEN")
        }
        let limited = try prober.call("getCurrentUser")
        assertError(limited, 429, "RATE_LIMITED")
        XCTAssertNotNil(limited.header("Retry-After"), "a 429 says when to retry")
        XCTAssertEqual(limited.header("X-RateLimit-Limit"), String(Self.credentialFailureLimitPerMinute))
        assertError(try api.bearer("not.a.token").forwarded(for: "192.0.2.9").call("getCurrentUser"), 401, "INVALID_TOKEN")
    }

    func standardOperationsAreLimitedPerPrincipal() throws {
        let admin = try admin()
        for _ in 0..<Self.requestLimitPerMinute {
            XCTAssertEqual(try admin.call("getCurrentUser").status, 200)
        }
        let limited = try admin.call("getCurrentUser")
        assertError(limited, 429, "RATE_LIMITED")
        XCTAssertNotNil(limited.header("Retry-After"), "a 429 says when to retry")
    }

    func metricsAreLimitedLikeOtherAnonymousRequests() throws {
        for _ in 0..<Self.requestLimitPerMinute {
            XCTAssertEqual(try api.call("getMetrics").status, 200)
        }
        let limited = try api.call("getMetrics")
        assertError(limited, 429, "RATE_LIMITED")
        XCTAssertNotNil(limited.header("Retry-After"), "a 429 says when to retry")
    }

    func aBodyOverTheLimitIsTooLarge() throws {
        let password = String(repeating: "p", count: Self.bodyLimitBytes)
        assertError(try api.call("login", body: ["username": "admin", "password": .string(password)]), 413, "PAYLOAD_TOO_LARGE")
    }
}

/// A server with tiny limits.
class LimitsContractTestCase: ContractTestCase {
    override class var serverArguments: [String] {
        ["--login-rate-limit", String(ContractSuite.loginLimitPerMinute),
         "--rate-limit-per-minute", String(ContractSuite.requestLimitPerMinute),
         "--max-body-bytes", String(ContractSuite.bodyLimitBytes),
         "--auth-failure-limit", String(ContractSuite.credentialFailureLimitPerMinute), "--trusted-proxies", "127.0.0.1"]
    }
}

/// Limits on SQLite.
final class SQLiteLimitsContractTests: LimitsContractTestCase {
    override class var backend: ContractBackend { .sqlite }
    func testLoginIsLimitedPerUsernameAndAddress() throws { try suite.loginIsLimitedPerUsernameAndAddress() }
    func testFailedCredentialChecksAreLimitedPerAddress() throws { try suite.failedCredentialChecksAreLimitedPerAddress() }
    func testStandardOperationsAreLimitedPerPrincipal() throws { try suite.standardOperationsAreLimitedPerPrincipal() }
    func testMetricsAreLimitedLikeOtherAnonymousRequests() throws { try suite.metricsAreLimitedLikeOtherAnonymousRequests() }
    func testABodyOverTheLimitIsTooLarge() throws { try suite.aBodyOverTheLimitIsTooLarge() }
    func testWhenSentSIGTERMTheServerExitsCleanly() { assertServerExitsCleanlyOnSIGTERM() }
}

/// Limits on PostgreSQL.
final class PostgresLimitsContractTests: LimitsContractTestCase {
    override class var backend: ContractBackend { .postgres }
    func testLoginIsLimitedPerUsernameAndAddress() throws { try suite.loginIsLimitedPerUsernameAndAddress() }
    func testFailedCredentialChecksAreLimitedPerAddress() throws { try suite.failedCredentialChecksAreLimitedPerAddress() }
    func testStandardOperationsAreLimitedPerPrincipal() throws { try suite.standardOperationsAreLimitedPerPrincipal() }
    func testMetricsAreLimitedLikeOtherAnonymousRequests() throws { try suite.metricsAreLimitedLikeOtherAnonymousRequests() }
    func testABodyOverTheLimitIsTooLarge() throws { try suite.aBodyOverTheLimitIsTooLarge() }
    func testWhenSentSIGTERMTheServerExitsCleanly() { assertServerExitsCleanlyOnSIGTERM() }
}
