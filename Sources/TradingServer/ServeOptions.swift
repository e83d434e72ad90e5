import Backends
import Connectors
import Engine
import Primitives
import Foundation
import Security
import Server

/// The settings of `trading-server serve`: defaults that run, `TRADING_*` environment
/// variables over them, command-line flags over those.
struct ServeOptions {
    var host = "127.0.0.1"
    var port = 3000
    var threads = ServerConfiguration.coreCount
    var database = "sqlite:data/trading.db"
    var dataDirectory = "data"
    var corsOrigins: [String] = []
    var logRequests = true
    var maxHeaderBytes = 16 * 1024
    var maxBodyBytes = 1 << 20
    var requestTimeout = 10.0
    var idleTimeout = 60.0
    /// PEM certificate chain and private key: set together, they make the server speak HTTPS and WSS.
    var tlsCertificate: String?
    var tlsKey: String?
    /// Requests per minute per principal (per client address when anonymous) on `standard` operations.
    var rateLimitPerMinute = 1200
    /// Login attempts (checks of one's current password included) per minute for one username
    /// from one client address.
    var loginRateLimitPerMinute = 10
    /// Login and refresh requests (the `auth` rate class) per minute per client address; nil:
    /// three times `loginRateLimitPerMinute`.
    var authRateLimitPerMinute: Int?
    /// Failed logins of one username, from any address, before each attempt is delayed (they
    /// are forgotten at this many a minute).
    var loginBackoffAfter = 10
    /// The longest of those delays, in milliseconds (0: no backoff).
    var loginBackoffMaxMilliseconds = 1000
    /// Failed credential checks (bearer tokens, API keys, `/ws` tokens) per minute per client
    /// address before its credentials are answered 429.
    var authFailureLimitPerMinute = 60
    /// WebSocket messages per second per connection.
    var webSocketMessagesPerSecond = 100
    /// WebSocket connections open at once from one client address (`ServerConfiguration`
    /// explains the default).
    var webSocketConnectionsPerAddress = ServerConfiguration().maxWebSocketConnectionsPerAddress
    /// The bearer token `/metrics` asks for (nil: none).
    var metricsToken: String?
    /// Client addresses allowed to read `/metrics` (empty: all).
    var metricsAllowlist: [CIDR] = []
    /// Client addresses allowed to use the API and WebSockets (empty: all).
    var ipAllowlist: [CIDR] = []
    /// Proxies whose `X-Forwarded-For` is believed.
    var trustedProxies: [CIDR] = []
    /// Access-token lifetime in seconds.
    var accessTokenSeconds = 1800
    /// PostgreSQL connections (SQLite: reader connections).
    var databasePoolSize = 8
    /// PostgreSQL `statement_timeout` in milliseconds.
    var statementTimeoutMilliseconds = 30_000
    /// The live market: feed pace, publish rate and book shape.
    var market = MarketSettings()
    /// The paper exchange: fees, slippage cap, position limit, starting balances.
    var exchange = ExchangeSettings()
    /// Watchlists per user and symbols per watchlist.
    var watchlistLimits = WatchlistService.Limits()
    /// Minutes between two computations of the GlobalScore ranking.
    var rankingIntervalMinutes = 15
    /// How many of each day's top-ranked symbols the reality check follows.
    var realityCheckPicks = 10
    /// How long recorded errors are kept, and how many.
    var errorRetention = ErrorRetention()
    /// The market data provider and dataset downloads.
    var provider = ProviderOptions()
    /// The Telegram bot and chat notifications go to (nil: none), and what is notified.
    var telegram: TelegramSettings?
    var telegramTopics = NotificationTopic.defaults

    /// Every option: flag, environment variable, help text.
    static let table: [(flag: String, environment: String, help: String)] = [
        ("--host", "TRADING_HOST", "address to listen on (default 127.0.0.1)"),
        ("--port", "TRADING_PORT", "port to listen on (default 3000)"),
        ("--threads", "TRADING_THREADS", "event loops, one per core by default"),
        ("--database", "TRADING_DATABASE", "sqlite:PATH (default sqlite:data/trading.db) or postgres://user:pass@host/db"),
        ("--database-pool-size", "TRADING_DATABASE_POOL_SIZE", "PostgreSQL connections, or SQLite readers (default 8)"),
        ("--statement-timeout", "TRADING_STATEMENT_TIMEOUT", "PostgreSQL statement timeout in milliseconds (default 30000)"),
        ("--data-dir", "TRADING_DATA_DIR", "folder for the SQLite file, secrets and sample data (default data)"),
        ("--cors-origins", "TRADING_CORS_ORIGINS", "comma-separated origins allowed by CORS, or * (default none)"),
        ("--log-requests", "TRADING_LOG_REQUESTS", "true or false: one JSON line per request and WebSocket upgrade on stderr (default true)"),
        ("--max-header-bytes", "TRADING_MAX_HEADER_BYTES", "request line and headers limit, 431 beyond (default 16384)"),
        ("--max-body-bytes", "TRADING_MAX_BODY_BYTES", "request body limit, 413 beyond (default 1048576)"),
        ("--request-timeout", "TRADING_REQUEST_TIMEOUT", "seconds to receive a whole request, 408 beyond (default 10)"),
        ("--idle-timeout", "TRADING_IDLE_TIMEOUT", "seconds an idle keep-alive connection stays open (default 60)"),
        ("--tls-cert", "TRADING_TLS_CERT", "PEM certificate chain: serve HTTPS and WSS (TLS 1.2+) with --tls-key; SIGHUP reloads both"),
        ("--tls-key", "TRADING_TLS_KEY", "PEM private key (unencrypted) of --tls-cert"),
        ("--rate-limit-per-minute", "TRADING_RATE_LIMIT_PER_MINUTE", "REST requests per minute per user, or per address when anonymous (default 1200)"),
        ("--login-rate-limit", "TRADING_LOGIN_RATE_LIMIT", "login attempts (checks of one's current password included) per minute for one username from one address (default 10)"),
        ("--auth-rate-limit", "TRADING_AUTH_RATE_LIMIT", "login and refresh requests per minute per address (default 3x --login-rate-limit)"),
        ("--login-backoff-after", "TRADING_LOGIN_BACKOFF_AFTER",
         "failed logins of one username (any address) before each login for it is delayed; forgotten at as many a minute (default 10)"),
        ("--login-backoff-max", "TRADING_LOGIN_BACKOFF_MAX",
         "longest such delay in milliseconds, doubling from 50 per failure; it slows, never refuses; 0 turns it off (default 1000)"),
        ("--auth-failure-limit", "TRADING_AUTH_FAILURE_LIMIT",
         "failed token and API-key checks (REST and /ws) per minute per address; past it, 429 for its credentials (default 60)"),
        ("--ws-rate-limit", "TRADING_WS_RATE_LIMIT", "WebSocket messages per second per connection (default 100)"),
        ("--ws-connections-per-address", "TRADING_WS_CONNECTIONS_PER_ADDRESS",
         "WebSocket connections open at once from one client address; more get 429 (default 256)"),
        ("--metrics-token", "TRADING_METRICS_TOKEN", "bearer token /metrics asks for, 16+ characters (default none: open)"),
        ("--metrics-allowlist", "TRADING_METRICS_ALLOWLIST", "comma-separated CIDRs allowed to read /metrics (default: all)"),
        ("--ip-allowlist", "TRADING_IP_ALLOWLIST", "comma-separated CIDRs allowed to use the API, IPv4 or IPv6 (default: all)"),
        ("--trusted-proxies", "TRADING_TRUSTED_PROXIES", "comma-separated CIDRs whose X-Forwarded-For is believed (default none)"),
        ("--access-token-ttl", "TRADING_ACCESS_TOKEN_TTL", "access-token lifetime in seconds, 1 to 86400 (default 1800)"),
        ("--feed-speed", "TRADING_FEED_SPEED",
         "how many times faster than it happened the live feed replays history: 1440 plays a day a minute (1 to 10000000, default 1440)"),
        ("--feed-tick-ms", "TRADING_FEED_TICK_MS", "milliseconds between two trades of a symbol in the live feed (1 to 60000, default 250)"),
        ("--market-publish-ms", "TRADING_MARKET_PUBLISH_MS",
         "milliseconds between two market stream updates of a symbol (ticker, trade, candles, book); slower readers get the newest (10 to 60000, default 200)"),
        ("--book-levels", "TRADING_BOOK_LEVELS", "price levels a side of each synthetic order book (1 to 100, default 20)"),
        ("--book-spread-bps", "TRADING_BOOK_SPREAD_BPS", "spread of each synthetic book in basis points of the price, at least a tick (0 to 1000, default 2)"),
        ("--book-step-bps", "TRADING_BOOK_STEP_BPS", "distance between two book levels in basis points of the price, at least a tick (0 to 1000, default 1)"),
        ("--book-size-factor", "TRADING_BOOK_SIZE_FACTOR", "multiplies the size of every book level (0.001 to 1000, default 1)"),
        ("--maker-fee-bps", "TRADING_MAKER_FEE_BPS", "paper exchange fee for resting orders that fill, in basis points (0 to 1000, default 2)"),
        ("--taker-fee-bps", "TRADING_TAKER_FEE_BPS", "paper exchange fee for orders that take the book, in basis points (0 to 1000, default 5)"),
        ("--max-slippage-bps", "TRADING_MAX_SLIPPAGE_BPS",
         "how far from the best price a market order may walk the book, in basis points (1 to 5000, default 500)"),
        ("--max-positions", "TRADING_MAX_POSITIONS", "open positions the paper account may hold; more answer PORT_002 (1 to 100000, default 100)"),
        ("--watchlist-limit", "TRADING_WATCHLIST_LIMIT", "watchlist groups a user may hold; more answer 409 CONFLICT (1 to 10000, default 50)"),
        ("--watchlist-item-limit", "TRADING_WATCHLIST_ITEM_LIMIT",
         "symbols a watchlist group may hold; more answer 409 CONFLICT (1 to 100000, default 200)"),
        ("--ranking-interval-minutes", "TRADING_RANKING_INTERVAL_MINUTES",
         "minutes between two computations of the GlobalScore ranking; a read of an older one computes it first (1 to 1440, default 15)"),
        ("--reality-check-picks", "TRADING_REALITY_CHECK_PICKS",
         "how many of each day's top-ranked symbols the reality check snapshots and verifies the next day (1 to 100, default 10)"),
        ("--starting-balances", "TRADING_STARTING_BALANCES",
         "the paper account's balances on a database's first start, ASSET=AMOUNT,… (default USDT=100000,USD=100000,KRW=100000000)"),
        ("--error-retention-days", "TRADING_ERROR_RETENTION_DAYS", "days a recorded error stays in the error log (1 to 3650, default 30)"),
        ("--error-log-max-rows", "TRADING_ERROR_LOG_MAX_ROWS", "recorded errors kept at most, the oldest pruned first (100 to 100000000, default 100000)"),
    ] + ProviderOptions.table + telegramTable

    static var help: String {
        let width = (table.map(\.flag.count).max() ?? 0) + 2
        return table.map { "  \($0.flag.padding(toLength: width, withPad: " ", startingAt: 0))\($0.help)  [\($0.environment)]" }
            .joined(separator: "\n")
    }

    /// Reads the environment, then the arguments. Throws a message for the user on bad input.
    init(arguments: [String], environment: [String: String]) throws(OptionError) {
        var values: [String: String] = [:]
        for option in Self.table {
            if let value = environment[option.environment] { values[option.flag] = value }
        }
        var index = 0
        while index < arguments.count {
            var argument = arguments[index]
            var value: String?
            if let equals = argument.firstIndex(of: "=") {
                value = String(argument[argument.index(after: equals)...])
                argument = String(argument[..<equals])
            }
            guard Self.table.contains(where: { $0.flag == argument }) else {
                throw OptionError("unknown option '\(argument)'")
            }
            if value == nil {
                index += 1
                guard index < arguments.count else { throw OptionError("\(argument) needs a value") }
                value = arguments[index]
            }
            values[argument] = value
            index += 1
        }
        if let host = values["--host"] { self.host = host }
        if let port = values["--port"] {
            guard let number = Int(port), (0...65535).contains(number) else { throw OptionError("--port must be 0…65535, not '\(port)'") }
            self.port = number
        }
        if let threads = values["--threads"] {
            guard let number = Int(threads), (1...256).contains(number) else { throw OptionError("--threads must be 1…256, not '\(threads)'") }
            self.threads = number
        }
        if let database = values["--database"] {
            guard database.hasPrefix("sqlite:") || database.hasPrefix("postgres://") || database.hasPrefix("postgresql://") else {
                throw OptionError("--database must be sqlite:PATH or postgres://…, not '\(database)'")
            }
            self.database = database
        }
        if let directory = values["--data-dir"] { dataDirectory = directory }
        if let origins = values["--cors-origins"] {
            corsOrigins = origins.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        if let text = values["--max-header-bytes"] {
            guard let number = Int(text), (1024...(1 << 20)).contains(number) else {
                throw OptionError("--max-header-bytes must be 1024…1048576, not '\(text)'")
            }
            maxHeaderBytes = number
        }
        if let text = values["--max-body-bytes"] {
            guard let number = Int(text), (0...(1 << 30)).contains(number) else {
                throw OptionError("--max-body-bytes must be 0…1073741824, not '\(text)'")
            }
            maxBodyBytes = number
        }
        if let text = values["--request-timeout"] {
            guard let seconds = Double(text), seconds > 0, seconds <= 3600 else {
                throw OptionError("--request-timeout must be a number of seconds in (0, 3600], not '\(text)'")
            }
            requestTimeout = seconds
        }
        if let text = values["--idle-timeout"] {
            guard let seconds = Double(text), seconds > 0, seconds <= 86400 else {
                throw OptionError("--idle-timeout must be a number of seconds in (0, 86400], not '\(text)'")
            }
            idleTimeout = seconds
        }
        tlsCertificate = values["--tls-cert"].flatMap { $0.isEmpty ? nil : $0 }
        tlsKey = values["--tls-key"].flatMap { $0.isEmpty ? nil : $0 }
        guard (tlsCertificate == nil) == (tlsKey == nil) else {
            throw OptionError("--tls-cert and --tls-key go together: give both (or neither, for plain HTTP)")
        }
        rateLimitPerMinute = try Self.integer(values, "--rate-limit-per-minute", in: 1...10_000_000) ?? rateLimitPerMinute
        loginRateLimitPerMinute = try Self.integer(values, "--login-rate-limit", in: 1...1_000_000) ?? loginRateLimitPerMinute
        authRateLimitPerMinute = try Self.integer(values, "--auth-rate-limit", in: 1...3_000_000)
        loginBackoffAfter = try Self.integer(values, "--login-backoff-after", in: 1...1_000_000) ?? loginBackoffAfter
        loginBackoffMaxMilliseconds = try Self.integer(values, "--login-backoff-max", in: 0...60_000) ?? loginBackoffMaxMilliseconds
        authFailureLimitPerMinute = try Self.integer(values, "--auth-failure-limit", in: 1...10_000_000) ?? authFailureLimitPerMinute
        webSocketMessagesPerSecond = try Self.integer(values, "--ws-rate-limit", in: 1...1_000_000) ?? webSocketMessagesPerSecond
        webSocketConnectionsPerAddress = try Self.integer(values, "--ws-connections-per-address", in: 1...1_000_000)
            ?? webSocketConnectionsPerAddress
        if let token = values["--metrics-token"], !token.isEmpty {
            guard token.count >= Self.minimumMetricsTokenLength else {
                throw OptionError("--metrics-token must be at least \(Self.minimumMetricsTokenLength) characters, so it cannot be guessed")
            }
            guard token.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else {
                throw OptionError("--metrics-token must be printable ASCII without spaces (it travels in an Authorization header)")
            }
            metricsToken = token
        }
        accessTokenSeconds = try Self.integer(values, "--access-token-ttl", in: 1...86_400) ?? accessTokenSeconds
        databasePoolSize = try Self.integer(values, "--database-pool-size", in: 1...256) ?? databasePoolSize
        statementTimeoutMilliseconds = try Self.integer(values, "--statement-timeout", in: 100...3_600_000) ?? statementTimeoutMilliseconds
        ipAllowlist = try Self.ranges(values, "--ip-allowlist")
        trustedProxies = try Self.ranges(values, "--trusted-proxies")
        metricsAllowlist = try Self.ranges(values, "--metrics-allowlist")
        let feed = FeedSettings(speed: try Self.number(values, "--feed-speed", in: 1...10_000_000) ?? market.feed.speed,
                                tickMilliseconds: try Self.integer(values, "--feed-tick-ms", in: 1...60_000) ?? market.feed.tickMilliseconds)
        let book = BookShape(levels: try Self.integer(values, "--book-levels", in: 1...100) ?? market.book.levels,
                             spreadBasisPoints: try Self.number(values, "--book-spread-bps", in: 0...1000) ?? market.book.spreadBasisPoints,
                             stepBasisPoints: try Self.number(values, "--book-step-bps", in: 0...1000) ?? market.book.stepBasisPoints,
                             sizeFactor: try Self.number(values, "--book-size-factor", in: 0.001...1000) ?? market.book.sizeFactor)
        market = MarketSettings(feed: feed, publishMilliseconds: try Self.integer(values, "--market-publish-ms", in: 10...60_000)
                                    ?? market.publishMilliseconds, book: book)
        exchange.makerFeeBasisPoints = Int64(try Self.integer(values, "--maker-fee-bps", in: 0...1000) ?? Int(exchange.makerFeeBasisPoints))
        exchange.takerFeeBasisPoints = Int64(try Self.integer(values, "--taker-fee-bps", in: 0...1000) ?? Int(exchange.takerFeeBasisPoints))
        exchange.maxSlippageBasisPoints = Int64(try Self.integer(values, "--max-slippage-bps", in: 1...5000)
            ?? Int(exchange.maxSlippageBasisPoints))
        exchange.maxPositions = try Self.integer(values, "--max-positions", in: 1...100_000) ?? exchange.maxPositions
        watchlistLimits.watchlists = try Self.integer(values, "--watchlist-limit", in: 1...10_000) ?? watchlistLimits.watchlists
        watchlistLimits.items = try Self.integer(values, "--watchlist-item-limit", in: 1...100_000) ?? watchlistLimits.items
        rankingIntervalMinutes = try Self.integer(values, "--ranking-interval-minutes", in: 1...1440) ?? rankingIntervalMinutes
        realityCheckPicks = try Self.integer(values, "--reality-check-picks", in: 1...100) ?? realityCheckPicks
        errorRetention.days = try Self.integer(values, "--error-retention-days", in: 1...3650) ?? errorRetention.days
        errorRetention.maxRows = try Self.integer(values, "--error-log-max-rows", in: 100...100_000_000) ?? errorRetention.maxRows
        if let text = values["--starting-balances"] {
            var balances: [String: ExactDecimal] = [:]
            for entry in text.split(separator: ",") {
                let parts = entry.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                guard parts.count == 2, !parts[0].isEmpty, parts[0].allSatisfy({ $0.isLetter || $0.isNumber }),
                      let amount = ExactDecimal(parts[1]), !amount.isNegative, amount.scale <= 8 else {
                    throw OptionError("--starting-balances: '\(entry)' is not ASSET=AMOUNT (a non-negative amount, at most 8 decimals)")
                }
                balances[parts[0].uppercased()] = amount
            }
            exchange.startingBalances = balances
        }
        provider = try ProviderOptions(values)
        (telegram, telegramTopics) = try Self.telegram(values)
        if let flag = values["--log-requests"] {
            guard let parsed = Bool(flag) else { throw OptionError("--log-requests must be true or false") }
            logRequests = parsed
        }
    }

    /// The shortest `--metrics-token` taken.
    static let minimumMetricsTokenLength = 16

    static func integer(_ values: [String: String], _ flag: String, in range: ClosedRange<Int>) throws(OptionError) -> Int? {
        guard let text = values[flag] else { return nil }
        guard let number = Int(text), range.contains(number) else {
            throw OptionError("\(flag) must be \(range.lowerBound)…\(range.upperBound), not '\(text)'")
        }
        return number
    }

    private static func number(_ values: [String: String], _ flag: String, in range: ClosedRange<Double>) throws(OptionError) -> Double? {
        guard let text = values[flag] else { return nil }
        guard let number = Double(text), number.isFinite, range.contains(number) else {
            throw OptionError("\(flag) must be a number from \(range.lowerBound) to \(range.upperBound), not '\(text)'")
        }
        return number
    }

    private static func ranges(_ values: [String: String], _ flag: String) throws(OptionError) -> [CIDR] {
        guard let text = values[flag] else { return [] }
        var ranges: [CIDR] = []
        for entry in text.split(separator: ",") {
            let trimmed = entry.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty else { continue }
            do {
                ranges.append(try CIDR(parsing: trimmed))
            } catch {
                throw OptionError("\(flag): '\(trimmed)' is not an address or CIDR range (\(error))")
            }
        }
        return ranges
    }

    /// Opens the configured database with its pool settings, migrated.
    func openBackend() async throws(StorageError) -> Backend {
        try await Backend.open(database, poolSize: databasePoolSize, statementTimeoutMilliseconds: statementTimeoutMilliseconds)
    }

    /// The database setting with any password replaced, for logs.
    var redactedDatabase: String {
        guard let at = database.lastIndex(of: "@"), let scheme = database.range(of: "://") else { return database }
        let credentials = database[scheme.upperBound..<at]
        guard let colon = credentials.firstIndex(of: ":") else { return database }
        return String(database[..<database.index(after: colon)]) + "***" + String(database[at...])
    }
}
