import Backends
import Engine
import Foundation
import Generated
import Handlers
import Security
import Server
import Primitives
import Accounts
import Gateway
import Engine

/// `trading-server serve`: wires the transport, the generated router and the handlers, then
/// runs until SIGTERM or SIGINT and shuts down gracefully; SIGHUP reloads the TLS certificate.
enum Serve {
    static func run(_ options: ServeOptions) -> Int32 {
        let startedAt = Timestamp.nowMilliseconds()
        MallocTuning.limitArenas(to: ServerConfiguration.coreCount)
        // Signals are taken by sigwait below, so no thread is interrupted by them; SIGPIPE is
        // ignored because a vanished peer is an ordinary write error.
        var signals = sigset_t()
        sigemptyset(&signals)
        sigaddset(&signals, SIGTERM)
        sigaddset(&signals, SIGINT)
        sigaddset(&signals, SIGHUP)
        pthread_sigmask(SIG_BLOCK, &signals, nil)
        signal(SIGPIPE, SIG_IGN)

        // The certificate loads before anything else starts, so a bad path fails fast.
        var tls: TLSConfiguration?
        if let certificate = options.tlsCertificate, let key = options.tlsKey {
            do {
                tls = try TLSConfiguration(certificateChainPath: certificate, privateKeyPath: key)
            } catch {
                log(level: "error", "cannot load the TLS certificate: \(error)")
                return 1
            }
        }

        let backend: Backend
        do {
            backend = try blockingAwait { () async throws(StorageError) -> Backend in try await options.openBackend() }
        } catch {
            log(level: "error", "cannot open the database \(options.redactedDatabase): \(error)")
            return 1
        }
        loadSampleData(into: backend, options: options)
        // Errors of every subsystem reach error_log through one recorder that never makes the
        // caller wait; it writes in batches and prunes the log by age and count.
        let errors = ErrorRecorder(backend: backend, retention: options.errorRetention)
        let errorWriter = Task { await errors.run() }
        // A failing database is recorded once a minute per kind of failure, not per query.
        backend.observeFailures { error in
            errors.record(.error, .database, "Database failure: \(error)", coalescing: 60_000)
        }
        let broadcaster = ChannelBroadcaster()
        // The market streams: the engine hands its updates to the bridge, which publishes them.
        let bookDepths = OrderBookDepths()
        let streams = MarketStreamBridge(broadcaster: broadcaster, bookDepths: bookDepths)
        // Telegram (when configured) hears of fills and errors through a queue that never waits.
        let notifications = startNotifications(options: options, errors: errors)
        let trades = TradeCounters()
        let engineSink = EngineCommitTap(streams: streams, errors: errors, trades: trades, notifier: notifications.queue)
        let market: MarketService
        do {
            market = try startMarket(backend: backend, options: options, sink: engineSink)
        } catch {
            log(level: "error", "cannot start the market: \(error)")
            return 1
        }
        let auth: AuthService
        do {
            auth = try makeAuthService(backend: backend, options: options)
        } catch {
            log(level: "error", "\(error)")
            return 1
        }
        // The symbol list and dataset downloads over the configured market data provider.
        let dataset = startDataset(backend: backend, market: market, errors: errors, options: options.provider)
        let metrics = makeMetrics(market: market, backend: backend, streams: streams, trades: trades, notifications: notifications,
                                  jobs: dataset.jobs)
        // The transport and the WebSocket sessions write their JSON lines to the same place.
        let logSink = LogSink.standardError
        let swaggerUI = SwaggerUI()
        // A measured round trip to the database (bounded in time), for readiness and the system summary.
        let databaseProbe = ReadinessProbes.database(backend.database)
        var handlers = APIHandlers(
            health: HealthHandler(database: databaseProbe, exchange: ReadinessProbes.exchange(market)),
            system: SystemHandler(docsPage: { swaggerUI.page(title: "Trading API Server") }, metricsText: metrics.render))
        handlers.auth = AuthHandler(auth: auth)
        // Checks of a user's current password (changing their own) go through the login throttle.
        handlers.users = UsersHandler(auth: auth)
        handlers.apiKeys = APIKeysHandler(auth: auth)
        handlers.market = MarketHandler(market: market)
        handlers.watchlist = WatchlistHandler(
            service: WatchlistService(market: market, backend: backend, clock: SystemClock(), limits: options.watchlistLimits))
        // Trading on the paper exchange (orders, positions, balances) goes through this service.
        let trading = TradingService(market: market, backend: backend,
                                     records: exchangeRecords(universe: SymbolUniverse(market.symbols), options: options), clock: SystemClock(),
                                     errors: errors)
        handlers.orders = OrdersHandler(trading: trading)
        handlers.account = AccountHandler(trading: trading)
        // One budget of failed credential checks per address, for REST and /ws alike.
        let credentialFailures = CredentialFailureLimit(perMinute: options.authFailureLimitPerMinute)
        let security = RequestSecurity(
            authenticate: RequestSecurity.tokens(auth), authenticateImmediately: RequestSecurity.cachedTokens(auth),
            restLimiter: RateLimiter(requestsPerMinute: options.rateLimitPerMinute),
            authLimiter: RateLimiter(requestsPerMinute: options.authRateLimitPerMinute ?? options.loginRateLimitPerMinute * 3),
            credentialFailures: credentialFailures,
            allowlist: IPAllowlist(options.ipAllowlist), trustedProxies: options.trustedProxies,
            strictTransportSecurity: tls != nil,
            metricsAccess: MetricsAccess(token: options.metricsToken, allowlist: IPAllowlist(options.metricsAllowlist)))
        handlers.positions = PositionsHandler(trading: trading)
        handlers.portfolio = PortfolioHandler(trading: trading)
        let strategyService = StrategyService(market: market, backend: backend, clock: SystemClock())
        handlers.strategies = StrategiesHandler(service: strategyService)
        let ranking = RankingService(market: market, backend: backend, clock: SystemClock(), intervalMinutes: options.rankingIntervalMinutes)
        handlers.ranking = RankingHandler(scores: ScoreService(market: market, backend: backend), ranking: ranking)
        handlers.screening = ScreeningHandler(screening: ScreeningService(backend: backend, clock: SystemClock()))
        if market.engine != nil {
            // The instance running the engine keeps the ranking fresh; the others read it.
            // A recomputation reads every symbol's daily candles and frees them: their pages go back.
            Task {
                await ranking.run(failed: { error in log(level: "error", "ranking recomputation failed: \(error)") },
                                  recomputed: { Task { await MallocTuning.release(backend.database) } })
            }
        }
        handlers.monitoring = MonitoringHandler(backend: backend, summary: SystemSummarySources(
            version: SystemHandler.specVersion, startedAt: startedAt, database: databaseProbe,
            webSocket: { (metrics.webSocketConnectionCount, metrics.authenticatedWebSocketCount, broadcaster.subscriptionCount) },
            strategies: strategyService, trading: trading))
        handlers.notifications = NotificationsHandler(telegram: notifications.channel)
        handlers.analysis = AnalysisHandler(service: ForecastService(market: market, backend: backend, clock: SystemClock()))
        // The trade journal: fills and imported executions, replayed FIFO per venue and symbol,
        // the ledgers replayed once at start and kept up to date from then on.
        let journal = JournalService(market: market, backend: backend)
        handlers.journal = JournalHandler(journal: journal)
        Task {
            do {
                try await journal.warm()
                // The replay's executions are freed once the ledgers hold their result.
                await MallocTuning.release(backend.database)
            } catch {
                log(level: "error", "replaying the trade journal's ledgers failed: \(error)")
            }
        }
        let realityCheck = RealityCheckService(market: market, backend: backend, clock: SystemClock(), picks: options.realityCheckPicks)
        handlers.realityCheck = RealityCheckHandler(service: realityCheck)
        if market.engine != nil {
            // The instance running the engine backfills the reality check on a database's first
            // start, then snapshots and verifies each new day; the others read it.
            Task { await realityCheck.run { error in log(level: "error", "reality check failed: \(error)") } }
        }
        handlers.symbols = dataset.symbols
        handlers.dataset = dataset.dataset
        // Prices, books, positions and balances (`x-cache: snapshot`) are rendered once per
        // published snapshot and request, however many clients ask.
        let snapshotAnswers = SnapshotAnswerCache { market.snapshotVersion }
        let responder = APIResponder(router: APIRouter(handlers: handlers, snapshotAnswers: snapshotAnswers), swaggerUI: swaggerUI,
                                     metrics: metrics, security: security)
        let endpoint = TradingWebSocketEndpoint(
            broadcaster: broadcaster, symbols: { market.resolve($0) }, bookDepths: bookDepths, metrics: metrics,
            version: SystemHandler.specVersion,
            authenticator: TradingWebSocketEndpoint.authenticator(using: auth), messagesPerSecond: options.webSocketMessagesPerSecond,
            allowlist: IPAllowlist(options.ipAllowlist), trustedProxies: options.trustedProxies, log: logSink,
            credentialFailures: credentialFailures)

        var configuration = ServerConfiguration()
        configuration.host = options.host
        configuration.port = options.port
        configuration.eventLoops = options.threads
        configuration.corsAllowedOrigins = options.corsOrigins
        configuration.logRequests = options.logRequests
        configuration.maxHeaderBytes = options.maxHeaderBytes
        configuration.maxBodyBytes = options.maxBodyBytes
        configuration.requestReadTimeout = options.requestTimeout
        configuration.idleTimeout = options.idleTimeout
        configuration.shutdownGracePeriod = 4
        configuration.tls = tls
        configuration.maxWebSocketConnectionsPerAddress = options.webSocketConnectionsPerAddress
        configuration.log = logSink
        // The transport's own answers (400, 408, 413, 429, 431, 505 …) carry the API's headers.
        configuration.securityHeaders = security.responseHeaders
        configuration.errorBody = { status, message in
            let rendered = APIError(ErrorCode.forTransportStatus(status), message: message).render()
            return (rendered.contentType ?? "application/json", rendered.body)
        }

        let server: HTTPServer
        do {
            server = try HTTPServer(configuration: configuration, responder: responder, webSocketEndpoint: endpoint)
            try server.start()
        } catch {
            log(level: "error", "cannot start: \(error)")
            return 1
        }
        // Start-up's loads (the demo history, the engine's windows, the restored account) are
        // done: what they cached and freed goes back.
        Task { await MallocTuning.release(backend.database) }
        let docs = swaggerUI.folder.map { "local files in \($0)" } ?? "a public CDN"
        if let tls { log(level: "info", "serving TLS with the certificate \(tls.certificate)") }
        log(level: "info", "listening on \(tls == nil ? "http" : "https")://\(options.host):\(server.port) with \(options.threads) event loops; "
            + "Swagger UI at /docs (assets from \(docs)); database \(options.redactedDatabase)")

        var received: Int32 = 0
        while sigwait(&signals, &received) == 0 && received == SIGHUP {
            reloadCertificate(tls)
        }
        log(level: "info", "received signal \(received): shutting down")
        server.shutdown()
        blockingAwait { await market.engine?.stop() }
        dataset.heartbeat.cancel()
        notifications.stop()
        errorWriter.cancel()
        blockingAwait { await errorWriter.value }
        backend.database.close()
        log(level: "info", "stopped")
        return 0
    }

    /// SIGHUP: loads the certificate files again for new connections; open ones keep theirs, and
    /// a failed load keeps the current certificate.
    static func reloadCertificate(_ tls: TLSConfiguration?) {
        guard let tls else { return log(level: "info", "received SIGHUP: no TLS certificate to reload") }
        do {
            let certificate = try tls.reload()
            log(level: "info", "reloaded the TLS certificate: \(certificate)")
        } catch {
            log(level: "error", "TLS certificate reload failed, still serving \(tls.certificate): \(error)")
        }
    }

    /// The auth service over the JWT secret (`TRADING_JWT_SECRET`, or a 0600 file in the data
    /// directory made once); creates `admin` on a database without users, printing a
    /// generated password once on standard output (never in a log line).
    static func makeAuthService(backend: Backend, options: ServeOptions) throws -> AuthService {
        let environment = ProcessInfo.processInfo.environment
        let secret = try JWTSecret.resolve(environment: environment, dataDirectory: options.dataDirectory)
        log(level: "info", "\(secret)")
        var settings = AuthSettings()
        settings.accessTokenSeconds = options.accessTokenSeconds
        let throttle = LoginThrottle(
            attemptsPerMinute: options.loginRateLimitPerMinute,
            backoff: FailureBackoff(freeFailures: options.loginBackoffAfter,
                                    maximumDelay: .milliseconds(options.loginBackoffMaxMilliseconds)))
        let auth = AuthService(backend: backend, signer: JWTSigner(secret: secret.bytes), roles: .spec, settings: settings,
                               loginThrottle: throttle)
        let created = try blockingAwait { () async throws(AuthError) in
            try await auth.bootstrapAdmin(password: environment["TRADING_ADMIN_PASSWORD"])
        }
        if let created {
            if let password = created.generatedPassword {
                // Standard output, unbuffered, so `make run` shows it before the first request.
                FileHandle.standardOutput.write(Data("""
                    ============================================================
                    Created the first user: \(created.username)
                    Password (shown once): \(password)
                    Log in with POST /api/v1/auth/login; change it with PATCH /api/v1/users/{id}.
                    ============================================================

                    """.utf8))
            } else {
                log(level: "info", "created the first user \(created.username) with the password from TRADING_ADMIN_PASSWORD")
            }
        }
        return auth
    }

    /// `trading-server user create --username U --role R`: the password comes from standard
    /// input (first line), never from the command line where `ps` would show it.
    static func createUser(username: String, role: String, options: ServeOptions) -> Int32 {
        guard let line = readLine(strippingNewline: true), !line.isEmpty else {
            log(level: "error", "user create: give the password on standard input")
            return 1
        }
        do {
            let user = try blockingAwait { () async throws -> UserRecord in
                let backend = try await options.openBackend()
                defer { backend.database.close() }
                // Creating a user signs nothing: a throwaway key keeps the data directory untouched.
                let auth = AuthService(backend: backend, signer: JWTSigner(secret: try SecureRandom.bytes(32)), roles: .spec)
                return try await auth.createUser(username: username, password: line, role: role, actor: "cli", address: nil)
            }
            print("created user \(user.username) (\(user.role)) with id \(user.id)")
            return 0
        } catch let error as AuthError {
            log(level: "error", "user create: \(error.description)")
            return 1
        } catch {
            log(level: "error", "user create: \(error)")
            return 1
        }
    }

    /// Starts the live market on the wall clock: each symbol goes on from its newest stored
    /// candle, its feed replaying its history (or a seeded synthetic feed). The engine runs
    /// only on the instance holding the database's engine lease; another instance serves a
    /// `MarketMirror` of what the engine stores, and takes over the engine if the lease frees.
    static func startMarket(backend: Backend, options: ServeOptions, sink: (any MarketUpdateSink)?) throws -> MarketService {
        let clock = SystemClock()
        let folder = sampleFolder
        let lease = try blockingAwait { () async throws(StorageError) -> EngineLease? in try await backend.acquireEngineLease() }
        let (universe, parts) = try blockingAwait { () async throws(StorageError) -> (SymbolUniverse, EngineParts?) in
            var universe = SymbolUniverse.demo
            for spec in try await ImportedSymbols.discover(backend: backend, known: universe, now: clock.now()) { universe.add(spec) }
            guard lease != nil else { return (universe, nil) }
            return (universe, try await prepareEngine(universe: universe, backend: backend, folder: folder, options: options, now: clock.now()))
        }
        guard let lease, let parts else {
            log(level: "warning", "another instance runs the market engine on \(options.redactedDatabase): this one serves the market "
                + "from the candles it stores (a mirror, refreshed every second) and takes over the engine if that instance stops")
            let mirror = MarketMirror(backend: backend, symbols: universe.all, book: options.market.book, clock: clock, sink: sink)
            let market = MarketService(source: .mirror(mirror), backend: backend, universe: universe)
            followLeader(market: market, mirror: mirror, backend: backend, options: options, sink: sink, folder: folder)
            return market
        }
        let engine = runEngine(parts, backend: backend, options: options, sink: sink, clock: clock, lease: lease)
        let market = MarketService(source: .engine(engine), backend: backend, universe: universe)
        watchLease(lease, of: engine, market: market, backend: backend, options: options, sink: sink, folder: folder)
        return market
    }

    /// Checks every five seconds that the engine still holds the lease. A lost lease (the
    /// PostgreSQL session holding it was dropped) may be another instance's now: the engine
    /// stops, and this instance mirrors the market and waits for the lease like any follower.
    static func watchLease(_ lease: EngineLease, of engine: MarketEngine, market: MarketService, backend: Backend,
                           options: ServeOptions, sink: (any MarketUpdateSink)?, folder: String) {
        Task {
            while lease.isHeld {
                try? await Task.sleep(for: .seconds(5))
                guard lease.isHeld, await !lease.verify() else { continue }
                log(level: "error", "lost the market engine lease (the database dropped its session): stopping the engine; "
                    + "serving a mirror of the stored market until the lease can be taken again")
                await engine.stop()
                let mirror = MarketMirror(backend: backend, symbols: market.symbols, book: options.market.book, clock: SystemClock(),
                                          sink: sink)
                market.replace(with: .mirror(mirror))
                followLeader(market: market, mirror: mirror, backend: backend, options: options, sink: sink, folder: folder)
                return
            }
        }
    }

    /// What an engine starts from: each symbol's start, and the paper exchange restored from
    /// the database (its starting balances stored on a first start).
    ///
    /// `@unchecked Sendable`: the exchange is made and restored by the start-up task, then
    /// handed to the engine, whose thread alone touches it from then on; never two at once.
    struct EngineParts: @unchecked Sendable {
        var starts: [SymbolStart]
        var exchange: PaperExchange
        var records: ExchangeRecords
        var strategies: StrategyRestore
        /// True on the database's first start (the demo strategies are made then).
        var firstStart: Bool
    }

    /// Reads what the engine starts from.
    static func prepareEngine(universe: SymbolUniverse, backend: Backend, folder: String, options: ServeOptions, now: Int)
        async throws(StorageError) -> EngineParts {
        let starts = try await marketStarts(universe: universe, backend: backend, folder: folder, now: now)
        let exchange = PaperExchange(settings: options.exchange, symbols: universe.all, seed: UInt64.random(in: .min ... .max))
        let records = exchangeRecords(universe: universe, options: options)
        let restored = try await ExchangeRestore.restore(exchange, records: records, backend: backend, at: now)
        log(level: "info", restored.firstStart ? "paper account opened with its starting balances"
            : "paper account restored: \(restored.balances) balances, \(restored.positions) positions, \(restored.openOrders) open orders")
        let strategies = try await StrategyRestore.read(backend: backend, universe: universe, at: now)
        return EngineParts(starts: starts, exchange: exchange, records: records, strategies: strategies, firstStart: restored.firstStart)
    }

    /// How the exchange's values are stored, for a universe.
    static func exchangeRecords(universe: SymbolUniverse, options: ServeOptions) -> ExchangeRecords {
        ExchangeRecords(scales: AssetScales(symbols: universe.all, extra: Array(options.exchange.startingBalances.keys)),
                        symbols: universe.all)
    }

    /// Starts the engine thread, persisting its candles and its exchange's changes; `lease` is
    /// held while it runs.
    static func runEngine(_ parts: EngineParts, backend: Backend, options: ServeOptions, sink: (any MarketUpdateSink)?,
                          clock: any EngineClock, lease: EngineLease) -> MarketEngine {
        let core = MarketCore(settings: options.market, symbols: parts.starts, sink: sink, now: clock.now(), exchange: parts.exchange)
        if let host = core.strategies {
            parts.strategies.apply(to: host, firstStart: parts.firstStart, at: clock.now())
            core.refreshAccount(strategies: true)
            let running = host.views.filter(\.running).map(\.id)
            log(level: "info", "strategies: \(host.views.count) instances" + (running.isEmpty ? "" : ", resumed \(running.joined(separator: ", "))"))
        }
        // The account streams start from the restored (stored) positions, then follow each committed batch.
        sink?.accountRestored(positions: Array(parts.exchange.positions.values), records: parts.records)
        let engine = MarketEngine(core: core, clock: clock, store: BackendCandleStore(backend: backend, clock: clock), lease: lease,
                                  exchangeStore: BackendExchangeStore(backend: backend, records: parts.records),
                                  committed: { changes in sink?.exchangeCommitted(changes) })
        engine.start()
        log(level: "info", "market engine running: \(parts.starts.count) symbols, feed \(options.market.feed.speed)x with a trade every "
            + "\(options.market.feed.tickMilliseconds) ms per symbol")
        return engine
    }

    /// Where each symbol starts: its newest stored candles, replaying its demo history.
    static func marketStarts(universe: SymbolUniverse, backend: Backend, folder: String, now: Int) async throws(StorageError) -> [SymbolStart] {
        let firstStart = try await HistoryLoader(backend: backend).firstStart() ?? now
        return try await MarketStartup.starts(universe: universe, backend: backend, now: now) { spec in
            (try? DemoHistory.history(for: spec, sampleFolder: folder, firstStart: firstStart))?.replay
        }
    }

    /// A follower: refreshes the mirror every second and tries for the engine lease every
    /// five; with it, starts the engine from what the database holds and stops mirroring.
    static func followLeader(market: MarketService, mirror: MarketMirror, backend: Backend, options: ServeOptions,
                             sink: (any MarketUpdateSink)?, folder: String) {
        Task {
            var round = 0
            while true {
                do {
                    try await mirror.refresh()
                } catch {
                    log(level: "warning", "market mirror: \(error)")
                }
                round += 1
                if round % 5 == 0, let lease = try? await backend.acquireEngineLease() {
                    do {
                        let clock = SystemClock()
                        let parts = try await prepareEngine(universe: SymbolUniverse(market.symbols), backend: backend, folder: folder,
                                                            options: options, now: clock.now())
                        let engine = runEngine(parts, backend: backend, options: options, sink: sink, clock: clock, lease: lease)
                        market.replace(with: .engine(engine))
                        watchLease(lease, of: engine, market: market, backend: backend, options: options, sink: sink, folder: folder)
                        log(level: "info", "took over the market engine: the instance that ran it stopped")
                        return
                    } catch {
                        lease.release()
                        log(level: "warning", "could not take over the market engine: \(error)")
                    }
                }
                try? await Task.sleep(for: .seconds(1))
            }
        }
    }

    static var sampleFolder: String {
        ProcessInfo.processInfo.environment["TRADING_SAMPLE_DATA_DIR"] ?? "sample-data"
    }

    /// On the first start of a database, stores the demo universe's history: the real
    /// candles of `sample-data/` and seeded synthetic ones where there are none.
    static func loadSampleData(into backend: Backend, options: ServeOptions) {
        let folder = sampleFolder
        do {
            let loaded = try blockingAwait { () async throws -> [LoadedHistory] in
                try await HistoryLoader(backend: backend).loadIfNeeded(universe: .demo, sampleFolder: folder, now: Timestamp.nowMilliseconds())
            }
            if !loaded.isEmpty {
                let symbols = loaded.map { symbol in
                    symbol.missingSample.map { "\(symbol.ticker) (synthetic: \($0) is missing)" } ?? symbol.ticker
                }
                log(level: "info", "loaded demo history: " + symbols.joined(separator: ", "))
            }
        } catch {
            log(level: "warning", "demo history not loaded: \(error)")
        }
    }

    /// `trading-server import-candles FILE --symbol S --market M --timeframe TF`: loads a CSV of
    /// candles, showing progress when standard error is a terminal.
    static func importCandles(file: String, symbol: String, market: String, timeframe: String, options: ServeOptions) -> Int32 {
        guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
            log(level: "error", "cannot read \(file)")
            return 1
        }
        let candles: [CandleRecord]
        do {
            candles = try CandleCSV.parse(text)
        } catch {
            log(level: "error", "\(file): \(error)")
            return 1
        }
        let interactive = isatty(2) != 0
        do {
            try blockingAwait { () async throws(StorageError) -> Void in
                let backend = try await options.openBackend()
                defer { backend.database.close() }
                try await CandleImporter(backend: backend).load(candles, ticker: symbol, market: market, timeframe: timeframe) { written in
                    if interactive {
                        let percent = candles.isEmpty ? 100 : written * 100 / candles.count
                        FileHandle.standardError.write(Data("\rimporting \(symbol) \(timeframe): \(written)/\(candles.count) (\(percent)%)".utf8))
                    }
                }
            }
        } catch {
            log(level: "error", "import failed: \(error)")
            return 1
        }
        if interactive { FileHandle.standardError.write(Data("\n".utf8)) }
        log(level: "info", "imported \(candles.count) candles of \(symbol) \(market) \(timeframe) into \(options.redactedDatabase)")
        return 0
    }

    /// `trading-server migrate`: applies pending migrations and reports what it did.
    static func migrate(_ options: ServeOptions) -> Int32 {
        do {
            let applied = try blockingAwait { () async throws(StorageError) -> [Int] in
                let database = try await options.openBackend().database
                defer { database.close() }
                return try await Migrator.appliedVersions(database)
            }
            log(level: "info", "database \(options.redactedDatabase) is at schema versions \(applied)")
            return 0
        } catch {
            log(level: "error", "migration failed on \(options.redactedDatabase): \(error)")
            return 1
        }
    }

    /// One JSON line on standard error, `{"level":…,"msg":…}`, like the request log's.
    static func log(level: String, _ message: String) {
        var line = JSONWriter(capacity: message.utf8.count + 32)
        line.beginObject()
        line.key("level")
        line.string(level)
        line.key("msg")
        line.string(message)
        line.endObject()
        FileHandle.standardError.write(Data(line.bytes + [UInt8(ascii: "\n")]))
    }
}

/// Runs async start-up work from the synchronous entry point, before any event loop exists.
func blockingAwait<Result: Sendable, Failure: Error>(_ work: @escaping @Sendable () async throws(Failure) -> Result) throws(Failure) -> Result {
    let box = ResultBox<Result, Failure>()
    let done = DispatchSemaphore(value: 0)
    Task {
        do throws(Failure) {
            box.result = .success(try await work())
        } catch {
            box.result = .failure(error)
        }
        done.signal()
    }
    done.wait()
    return try box.result!.get()
}

/// Carries a result out of the task in `blockingAwait`; the semaphore orders the accesses.
private final class ResultBox<Value: Sendable, Failure: Error>: @unchecked Sendable {
    var result: Result<Value, Failure>?
}

extension ErrorCode {
    /// The code for an error the transport answers by itself, chosen by HTTP status.
    static func forTransportStatus(_ status: Int) -> ErrorCode {
        switch status {
        case 400: return .validationError
        case 408: return .requestTimeout
        case 413: return .payloadTooLarge
        case 429: return .rateLimited
        case 431: return .headersTooLarge
        case 501: return .notImplemented
        case 503: return .serviceUnavailable
        case 505: return .httpVersionNotSupported
        default: return allCases.first { $0.httpStatus == status } ?? .internalError
        }
    }
}
