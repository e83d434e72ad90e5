import XCTest
@testable import TradingServer

/// The settings of the limits on authentication: defaults, environment, flags and refusals.
final class AuthLimitOptionsTests: XCTestCase {
    func testDefaults() throws {
        let options = try ServeOptions(arguments: [], environment: [:])
        XCTAssertEqual(options.loginRateLimitPerMinute, 10)
        XCTAssertNil(options.authRateLimitPerMinute, "three times the login limit")
        XCTAssertEqual(options.loginBackoffAfter, 10)
        XCTAssertEqual(options.loginBackoffMaxMilliseconds, 1000)
        XCTAssertEqual(options.authFailureLimitPerMinute, 60)
    }

    func testFlagsAndEnvironment() throws {
        let options = try ServeOptions(
            arguments: ["--auth-rate-limit", "50", "--login-backoff-max=0"],
            environment: ["TRADING_LOGIN_BACKOFF_AFTER": "25", "TRADING_AUTH_FAILURE_LIMIT": "7", "TRADING_AUTH_RATE_LIMIT": "9"])
        XCTAssertEqual(options.authRateLimitPerMinute, 50)
        XCTAssertEqual(options.loginBackoffMaxMilliseconds, 0)
        XCTAssertEqual(options.loginBackoffAfter, 25)
        XCTAssertEqual(options.authFailureLimitPerMinute, 7)
    }

    func testBadValuesAreRefused() {
        for arguments in [["--auth-rate-limit", "0"], ["--login-backoff-after", "0"], ["--login-backoff-max", "-1"],
                          ["--login-backoff-max", "60001"], ["--auth-failure-limit", "0"], ["--auth-failure-limit", "many"]] {
            XCTAssertThrowsError(try ServeOptions(arguments: arguments, environment: [:]), "\(arguments)")
        }
    }

    func testEveryLimitIsListedByHelp() {
        for flag in ["--login-rate-limit", "--auth-rate-limit", "--login-backoff-after", "--login-backoff-max", "--auth-failure-limit"] {
            XCTAssertTrue(ServeOptions.help.contains(flag), flag)
        }
    }
}
