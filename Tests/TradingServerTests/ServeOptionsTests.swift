import Engine
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

    func testSecurityAndStorageSettingsHaveDocumentedDefaults() throws {
        let options = try ServeOptions(arguments: [], environment: [:])
        XCTAssertEqual(options.rateLimitPerMinute, 1200)
        XCTAssertEqual(options.loginRateLimitPerMinute, 10)
        XCTAssertEqual(options.webSocketMessagesPerSecond, 100)
        XCTAssertEqual(options.accessTokenSeconds, 1800)
        XCTAssertEqual(options.ipAllowlist, [])
        XCTAssertEqual(options.databasePoolSize, 8)
        XCTAssertEqual(options.statementTimeoutMilliseconds, 30_000)
        XCTAssertNil(options.tlsCertificate)
    }

    func testAllowlistAndProxiesParseIPv4AndIPv6Ranges() throws {
        let options = try ServeOptions(
            arguments: ["--ip-allowlist", "10.0.0.0/8, 2001:db8::/32", "--rate-limit-per-minute", "60"],
            environment: ["TRADING_TRUSTED_PROXIES": "127.0.0.1", "TRADING_DATABASE_POOL_SIZE": "3"])
        XCTAssertEqual(options.ipAllowlist.map(\.prefixLength), [8, 32])
        XCTAssertEqual(options.trustedProxies.map(\.prefixLength), [32])
        XCTAssertEqual(options.rateLimitPerMinute, 60)
        XCTAssertEqual(options.databasePoolSize, 3)
    }

    /// Tests of the refresh path need a token that genuinely expires within seconds.
    func testAccessTokensMayLiveOneSecond() throws {
        XCTAssertEqual(try ServeOptions(arguments: ["--access-token-ttl", "1"], environment: [:]).accessTokenSeconds, 1)
        XCTAssertEqual(try ServeOptions(arguments: [], environment: ["TRADING_ACCESS_TOKEN_TTL": "2"]).accessTokenSeconds, 2)
    }

    func testBadSecurityAndTLSSettingsAreRefused() {
        for arguments in [["--ip-allowlist", "10.0.0.0/33"], ["--trusted-proxies", "proxy.local"], ["--rate-limit-per-minute", "0"],
                          ["--ws-rate-limit", "x"], ["--access-token-ttl", "0"], ["--access-token-ttl", "86401"], ["--database-pool-size", "0"],
                          ["--tls-cert", "cert.pem"], ["--tls-key", "key.pem"]] {
            XCTAssertThrowsError(try ServeOptions(arguments: arguments, environment: [:]), "\(arguments)")
        }
        XCTAssertNoThrow(try ServeOptions(arguments: ["--tls-cert", "c.pem", "--tls-key", "k.pem"], environment: [:]))
    }

    func testTransportHardeningSettingsHaveDefaultsThatRun() throws {
        let options = try ServeOptions(arguments: [], environment: [:])
        XCTAssertEqual(options.webSocketConnectionsPerAddress, 256)
        XCTAssertNil(options.metricsToken, "/metrics is open by default, as Prometheus scrapers expect")
        XCTAssertEqual(options.metricsAllowlist, [])
        for flag in ["--ws-connections-per-address", "--metrics-token", "--metrics-allowlist"] {
            XCTAssertTrue(ServeOptions.help.contains(flag), "--help lists \(flag)")
        }
    }

    func testTransportHardeningSettingsComeFromFlagsAndEnvironment() throws {
        let token = "metrics-token-0123456789abcdef"
        let flags = try ServeOptions(
            arguments: ["--ws-connections-per-address", "2000", "--metrics-token", token, "--metrics-allowlist", "10.0.0.0/8, ::1"],
            environment: [:])
        XCTAssertEqual(flags.webSocketConnectionsPerAddress, 2000)
        XCTAssertEqual(flags.metricsToken, token)
        XCTAssertEqual(flags.metricsAllowlist.map(\.prefixLength), [8, 128])
        let environment = try ServeOptions(arguments: [], environment: [
            "TRADING_WS_CONNECTIONS_PER_ADDRESS": "3", "TRADING_METRICS_TOKEN": token, "TRADING_METRICS_ALLOWLIST": "127.0.0.1"])
        XCTAssertEqual(environment.webSocketConnectionsPerAddress, 3)
        XCTAssertEqual(environment.metricsToken, token)
        XCTAssertEqual(environment.metricsAllowlist.count, 1)
        XCTAssertNil(try ServeOptions(arguments: [], environment: ["TRADING_METRICS_TOKEN": ""]).metricsToken, "empty means none")
    }

    func testGuessableOrUnsendableMetricsTokensAndBadCapsAreRefused() {
        for arguments in [["--metrics-token", "short-token"], ["--metrics-token", "has a space in the middle"],
                          ["--metrics-token", "tökén-with-non-ascii-bytes"], ["--metrics-allowlist", "10.0.0.0/40"],
                          ["--ws-connections-per-address", "0"], ["--ws-connections-per-address", "many"]] {
            XCTAssertThrowsError(try ServeOptions(arguments: arguments, environment: [:]), "\(arguments)")
        }
    }

    func testWatchlistLimitsDefaultTo50GroupsOf200SymbolsAndComeFromFlagsAndEnvironment() throws {
        let defaults = try ServeOptions(arguments: [], environment: [:])
        XCTAssertEqual(defaults.watchlistLimits, WatchlistService.Limits(watchlists: 50, items: 200))
        let set = try ServeOptions(arguments: ["--watchlist-item-limit", "3"], environment: ["TRADING_WATCHLIST_LIMIT": "7"])
        XCTAssertEqual(set.watchlistLimits, WatchlistService.Limits(watchlists: 7, items: 3))
        for arguments in [["--watchlist-limit", "0"], ["--watchlist-item-limit", "100001"], ["--watchlist-limit", "many"]] {
            XCTAssertThrowsError(try ServeOptions(arguments: arguments, environment: [:]), "\(arguments)")
        }
    }

    func testErrorRetentionDefaultsTo30DaysAnd100000RowsAndComesFromFlagsAndEnvironment() throws {
        let defaults = try ServeOptions(arguments: [], environment: [:])
        XCTAssertEqual(defaults.errorRetention, ErrorRetention(days: 30, maxRows: 100_000))
        let set = try ServeOptions(arguments: ["--error-log-max-rows", "500"], environment: ["TRADING_ERROR_RETENTION_DAYS": "7"])
        XCTAssertEqual(set.errorRetention, ErrorRetention(days: 7, maxRows: 500))
        for arguments in [["--error-retention-days", "0"], ["--error-log-max-rows", "99"], ["--error-retention-days", "week"]] {
            XCTAssertThrowsError(try ServeOptions(arguments: arguments, environment: [:]), "\(arguments)")
        }
    }
}
