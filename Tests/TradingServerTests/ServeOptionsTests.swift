import XCTest
@testable import TradingServer

/// `trading-server serve` settings: defaults, environment, flags, and refusals.
final class ServeOptionsTests: XCTestCase {
    func testDefaultsRunOnPort3000WithSQLite() throws {
        let options = try ServeOptions(arguments: [], environment: [:])
        XCTAssertEqual(options.host, "127.0.0.1")
        XCTAssertEqual(options.port, 3000)
        XCTAssertEqual(options.database, "sqlite:data/trading.db")
        XCTAssertEqual(options.maxBodyBytes, 1 << 20)
    }

    func testFlagsOverrideEnvironmentWhichOverridesDefaults() throws {
        let options = try ServeOptions(
            arguments: ["--port", "4000", "--max-body-bytes=2048"],
            environment: ["TRADING_PORT": "5000", "TRADING_HOST": "0.0.0.0", "TRADING_CORS_ORIGINS": "http://a.test, http://b.test"])
        XCTAssertEqual(options.port, 4000)
        XCTAssertEqual(options.host, "0.0.0.0")
        XCTAssertEqual(options.maxBodyBytes, 2048)
        XCTAssertEqual(options.corsOrigins, ["http://a.test", "http://b.test"])
    }

    func testBadValuesAreRefusedWithAMessage() {
        for arguments in [["--port", "70000"], ["--threads", "0"], ["--database", "mysql://x"], ["--bogus", "1"], ["--port"],
                          ["--log-requests", "maybe"], ["--request-timeout", "-1"]] {
            XCTAssertThrowsError(try ServeOptions(arguments: arguments, environment: [:]), "\(arguments)")
        }
    }

    func testDatabasePasswordIsRedactedForLogs() throws {
        let options = try ServeOptions(arguments: ["--database", "postgres://trader:s3cret@db:5432/trading"], environment: [:])
        XCTAssertEqual(options.redactedDatabase, "postgres://trader:***@db:5432/trading")
        XCTAssertFalse(options.redactedDatabase.contains("s3cret"))
    }
}
