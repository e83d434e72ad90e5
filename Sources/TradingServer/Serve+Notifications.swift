import Backends
import Connectors
import Engine
import Gateway
import Handlers
import Primitives
import Synchronization

/// The market engine's updates for the streams, and what each committed exchange batch also
/// feeds: the trade counters of `/metrics`, the error recorder's observers (the engine writes
/// a strategy's errors inside its batch, so they are shown to the observers once it commits)
/// and the notifier (fills). Everything it does on a commit only counts or queues, so a slow
/// notification channel never slows the engine's write-behind.
final class EngineCommitTap: MarketUpdateSink {
    private let streams: any MarketUpdateSink
    private let errors: ErrorRecorder
    private let trades: TradeCounters
    private let notifier: (any Notifier)?
    /// How the current engine's values are stored (set before its first commit).
    private let records = Mutex<ExchangeRecords?>(nil)

    init(streams: any MarketUpdateSink, errors: ErrorRecorder, trades: TradeCounters, notifier: (any Notifier)?) {
        self.streams = streams
        self.errors = errors
        self.trades = trades
        self.notifier = notifier
    }

    func ticker(_ symbol: SymbolSnapshot) { streams.ticker(symbol) }

    func trade(_ symbol: SymbolSpec, _ trade: Tick, sequence: Int, buyerTaker: Bool) {
        streams.trade(symbol, trade, sequence: sequence, buyerTaker: buyerTaker)
    }

    func kline(_ symbol: SymbolSpec, _ interval: CandleInterval, _ bar: Bar, closed: Bool) {
        streams.kline(symbol, interval, bar, closed: closed)
    }

    func book(_ symbol: SymbolSpec, _ book: L2Book, time: Int) { streams.book(symbol, book, time: time) }

    func accountRestored(positions: [Position], records: ExchangeRecords) {
        self.records.withLock { $0 = records }
        trades.engineStarted(at: Timestamp.nowMilliseconds())
        streams.accountRestored(positions: positions, records: records)
    }

    func exchangeCommitted(_ changes: ExchangeChanges) {
        streams.exchangeCommitted(changes)
        trades.record(changes)
        errors.published(changes.errors)
        guard let notifier, !changes.fills.isEmpty, let records = records.withLock({ $0 }) else { return }
        var strategies: [String: String?] = [:]
        for order in changes.orders + changes.orderEvents { strategies[order.id] = order.strategyID }
        for fill in changes.fills {
            guard let record = records.fill(fill) else { continue }
            notifier.notify(.fill(record, strategy: strategies[fill.orderID] ?? nil))
        }
    }
}

extension Serve {
    /// Telegram, when configured: the channel (for the test message) and the queue in front of
    /// it (for fills and errors, which the recorder's observers hand over), whose task runs
    /// until `stop` is called.
    struct Notifications {
        var channel: TelegramNotifier?
        var queue: NotificationQueue?
        var task: Task<Void, Never>?

        func stop() {
            task?.cancel()
        }
    }

    /// Starts the notifications `options` configure (none without a Telegram bot and chat).
    static func startNotifications(options: ServeOptions, errors: ErrorRecorder) -> Notifications {
        guard let settings = options.telegram else {
            log(level: "info", "Telegram notifications are off (set TRADING_TELEGRAM_BOT_TOKEN and TRADING_TELEGRAM_CHAT_ID)")
            return Notifications()
        }
        let channel = TelegramNotifier(settings: settings)
        let queue = NotificationQueue(channel: channel, settings: NotificationQueue.Settings(topics: options.telegramTopics)) { message in
            log(level: "warning", "Telegram: " + message)
        }
        errors.observe { record in queue.notify(.error(record)) }
        let task = Task { await queue.run() }
        let topics = NotificationTopic.allCases.filter(options.telegramTopics.contains).map(\.rawValue)
        log(level: "info", "Telegram notifications: \(settings); notifying \(topics.isEmpty ? "nothing (test messages only)" : topics.joined(separator: ", "))")
        return Notifications(channel: channel, queue: queue, task: task)
    }

    /// `/metrics` over the engine's counters, the streams, the database and the notifications.
    static func makeMetrics(market: MarketService, backend: Backend, streams: MarketStreamBridge, trades: TradeCounters,
                            notifications: Notifications, jobs: DatasetJobs) -> Metrics {
        var sources = Metrics.Sources()
        sources.marketEvents = { market.snapshot.symbols.values.map { (symbol: $0.spec.key.marketForm, events: $0.events) } }
        sources.persistenceFailures = {
            market.engine.map { [(store: "candles", failures: $0.candlePersistenceFailures), (store: "exchange", failures: $0.exchangePersistenceFailures)] } ?? []
        }
        sources.trades = trades
        sources.webSocketMessages = streams.messageCounters
        sources.backend = backend
        sources.backgroundJobs = { jobs.jobCounts().sorted { $0.key < $1.key }.map { (status: $0.key, count: $0.value) } }
        let queue = notifications.queue
        sources.notifications = { queue?.counts }
        return Metrics(sources: sources)
    }
}
