import Backends
import Engine
import Primitives
import Synchronization

/// Counters for `/metrics`, in the Prometheus text exposition format. The families, each
/// with its `# HELP` line:
///
/// - `trading_http_requests_total{operation,status}` (counter) and
///   `trading_http_request_duration_seconds{operation}` (summary: `_sum`, `_count`)
/// - `trading_websocket_connections{path}` (gauge), `trading_websocket_authenticated_connections`
///   (gauge: `/ws` connections that authenticated), `trading_websocket_messages_total{path,channel}`
///   (counter: publishes to a channel with subscribers) and
///   `trading_websocket_messages_sent_total{path,channel}` (counter: the copies sent, one per
///   subscriber reached); `channel` is the channel without its symbol (`market`, `kline`, …)
/// - `trading_market_events_total{symbol}`, `trading_orders_total{symbol,strategy}`,
///   `trading_fills_total{symbol,strategy}` (counters; `strategy="manual"` for orders placed
///   through the API), `trading_persistence_failures_total{store}`
/// - `trading_database_connections{state}` (gauge: `size`, `open`, `in_use`),
///   `trading_database_waiting` (gauge) and `trading_database_query_duration_seconds{operation}`
///   (histogram of read and write transactions)
/// - `trading_background_jobs{status}` (gauge), `trading_notifications_total{outcome}` (counter)
///   and `trading_notifications_queued` (gauge)
/// - `process_start_time_seconds` (gauge)
public final class Metrics: Sendable {
    private struct RequestKey: Hashable {
        var operation: String
        var status: Int
    }

    /// Request counts and time spent; an operation's duration count is the sum of its
    /// request counts, so it is added up when rendering rather than kept.
    private struct State {
        var requests: [RequestKey: Int] = [:]
        var durationSum: [String: Double] = [:]
    }

    /// Where the families beyond requests and connections read their values.
    public struct Sources: Sendable {
        /// Market events processed per symbol (the engine's snapshot).
        public var marketEvents: @Sendable () -> [(symbol: String, events: Int)] = { [] }
        /// Write-behind batches the database refused, by what they held (each is retried).
        public var persistenceFailures: @Sendable () -> [(store: String, failures: Int)] = { [] }
        /// Orders and fills by symbol and strategy (nil: no family).
        public var trades: TradeCounters?
        /// Messages the WebSocket streams published (nil: no family).
        public var webSocketMessages: WebSocketMessageCounters?
        /// The database: its pool and its transaction times (nil: no family).
        public var backend: Backend?
        /// Background jobs (dataset fetches) by status.
        public var backgroundJobs: @Sendable () -> [(status: String, count: Int)] = { [] }
        /// The notification queue's counts (nil: notifications are not configured).
        public var notifications: @Sendable () -> NotificationQueue.Counts? = { nil }

        public init() {}
    }

    private let state = Mutex(State())
    private let startedAt = Timestamp.nowMilliseconds()
    /// Open WebSocket connections, by path.
    public let webSocketConnections = Mutex<[String: Int]>([:])
    /// Open `/ws` connections that authenticated.
    private let authenticatedWebSockets = Atomic<Int>(0)
    private let sources: Sources

    /// Counters over `sources` (none by default, as on an instance without the engine).
    public init(sources: Sources = Sources()) {
        self.sources = sources
    }

    /// Counters; `marketEvents` reports the engine's work per symbol, `persistenceFailures`
    /// its failed write-behind batches and `backgroundJobs` the background jobs by status.
    public convenience init(marketEvents: @escaping @Sendable () -> [(symbol: String, events: Int)],
                            persistenceFailures: @escaping @Sendable () -> [(store: String, failures: Int)] = { [] },
                            backgroundJobs: @escaping @Sendable () -> [(status: String, count: Int)] = { [] }) {
        var sources = Sources()
        sources.marketEvents = marketEvents
        sources.persistenceFailures = persistenceFailures
        sources.backgroundJobs = backgroundJobs
        self.init(sources: sources)
    }

    /// Records one answered request.
    public func recordRequest(operation: String, status: Int, seconds: Double) {
        state.withLock { state in
            state.requests[RequestKey(operation: operation, status: status), default: 0] += 1
            state.durationSum[operation, default: 0] += seconds
        }
    }

    /// Adds `delta` to the open WebSocket count of `path`.
    public func webSocketOpened(_ path: String, delta: Int = 1) {
        webSocketConnections.withLock { $0[path, default: 0] += delta }
    }

    /// Adds `delta` to the authenticated WebSocket connections.
    public func webSocketAuthenticated(_ delta: Int) {
        authenticatedWebSockets.add(delta, ordering: .relaxed)
    }

    /// Open WebSocket connections, all paths together.
    public var webSocketConnectionCount: Int { webSocketConnections.withLock { $0.values.reduce(0, +) } }

    /// Open WebSocket connections that authenticated.
    public var authenticatedWebSocketCount: Int { max(0, authenticatedWebSockets.load(ordering: .relaxed)) }

    /// The exposition text.
    public func render() -> String {
        var out = PrometheusText()
        renderRequests(into: &out)
        renderWebSockets(into: &out)
        renderEngine(into: &out)
        renderDatabase(into: &out)
        renderBackground(into: &out)
        out.family("process_start_time_seconds", .gauge, help: "Start time of the process since the Unix epoch.")
        out.sample("process_start_time_seconds", startedAt / 1000)
        return out.text
    }

    private func renderRequests(into out: inout PrometheusText) {
        let snapshot = state.withLock { $0 }
        var durationCount: [String: Int] = [:]
        for (key, count) in snapshot.requests { durationCount[key.operation, default: 0] += count }
        out.family("trading_http_requests_total", .counter, help: "HTTP requests answered, by operation and status.")
        for (key, count) in snapshot.requests.sorted(by: { ($0.key.operation, $0.key.status) < ($1.key.operation, $1.key.status) }) {
            out.sample("trading_http_requests_total", ["operation": key.operation, "status": String(key.status)], count)
        }
        out.family("trading_http_request_duration_seconds", .summary, help: "Time spent answering requests, by operation.")
        for (operation, seconds) in snapshot.durationSum.sorted(by: { $0.key < $1.key }) {
            out.sample("trading_http_request_duration_seconds_sum", ["operation": operation], seconds)
            out.sample("trading_http_request_duration_seconds_count", ["operation": operation], durationCount[operation] ?? 0)
        }
    }

    private func renderWebSockets(into out: inout PrometheusText) {
        out.family("trading_websocket_connections", .gauge, help: "Open WebSocket connections, by path.")
        for (path, count) in webSocketConnections.withLock({ $0 }).sorted(by: { $0.key < $1.key }) {
            out.sample("trading_websocket_connections", ["path": path], count)
        }
        out.family("trading_websocket_authenticated_connections", .gauge, help: "Open /ws connections that authenticated.")
        out.sample("trading_websocket_authenticated_connections", authenticatedWebSocketCount)
        guard let counters = sources.webSocketMessages else { return }
        let snapshot = counters.snapshot
        out.family("trading_websocket_messages_total", .counter,
                   help: "Messages published to WebSocket channels that had subscribers, by path and channel (without its symbol).")
        for entry in snapshot {
            out.sample("trading_websocket_messages_total", ["path": entry.channel.path, "channel": entry.channel.name], entry.messages)
        }
        out.family("trading_websocket_messages_sent_total", .counter,
                   help: "Copies of those messages handed to subscribed connections (one per subscriber), by path and channel.")
        for entry in snapshot {
            out.sample("trading_websocket_messages_sent_total", ["path": entry.channel.path, "channel": entry.channel.name], entry.sent)
        }
    }

    private func renderEngine(into out: inout PrometheusText) {
        out.family("trading_market_events_total", .counter, help: "Market events (trades) the engine processed since it started, by symbol.")
        for (symbol, events) in sources.marketEvents().sorted(by: { $0.symbol < $1.symbol }) {
            out.sample("trading_market_events_total", ["symbol": symbol], events)
        }
        if let trades = sources.trades {
            let (orders, fills) = trades.snapshot
            out.family("trading_orders_total", .counter,
                       help: "Orders placed on the paper exchange since the process started, by symbol and strategy (manual: placed through the API).")
            for (key, count) in orders.sorted(by: { $0.key < $1.key }) {
                out.sample("trading_orders_total", ["symbol": key.symbol, "strategy": key.strategy], count)
            }
            out.family("trading_fills_total", .counter,
                       help: "Fills of the paper exchange since the process started, by symbol and strategy (manual: orders placed through the API).")
            for (key, count) in fills.sorted(by: { $0.key < $1.key }) {
                out.sample("trading_fills_total", ["symbol": key.symbol, "strategy": key.strategy], count)
            }
        }
        out.family("trading_persistence_failures_total", .counter,
                   help: "Write-behind batches the database refused since the engine started, by store (each is retried with the next batch).")
        for (store, failures) in sources.persistenceFailures() {
            out.sample("trading_persistence_failures_total", ["store": store], failures)
        }
    }

    private func renderDatabase(into out: inout PrometheusText) {
        guard let backend = sources.backend else { return }
        let pool = backend.database.poolStatistics
        out.family("trading_database_connections", .gauge,
                   help: "Database connections: the pool's size, those with an open session, those running a transaction.")
        out.sample("trading_database_connections", ["state": "size"], pool.size)
        out.sample("trading_database_connections", ["state": "open"], pool.open)
        out.sample("trading_database_connections", ["state": "in_use"], pool.inUse)
        out.family("trading_database_waiting", .gauge, help: "Transactions waiting for a database connection.")
        out.sample("trading_database_waiting", pool.waiting)
        out.family("trading_database_query_duration_seconds", .histogram,
                   help: "Time of database read and write transactions, from asking for a connection to their end.")
        for (operation, histogram) in [("read", backend.timings.reads), ("write", backend.timings.writes)] {
            let snapshot = histogram.snapshot
            out.histogram("trading_database_query_duration_seconds", label: ("operation", operation), bounds: histogram.bounds,
                          cumulative: snapshot.cumulative, sum: snapshot.sum)
        }
    }

    private func renderBackground(into out: inout PrometheusText) {
        out.family("trading_background_jobs", .gauge, help: "Background jobs (dataset fetches) by status.")
        for (status, count) in sources.backgroundJobs().sorted(by: { $0.status < $1.status }) {
            out.sample("trading_background_jobs", ["status": status], count)
        }
        guard let counts = sources.notifications() else { return }
        out.family("trading_notifications_total", .counter,
                   help: "Notification events (Telegram) by outcome: delivered, or dropped (queue full, or refused for good).")
        out.sample("trading_notifications_total", ["outcome": "delivered"], counts.delivered)
        out.sample("trading_notifications_total", ["outcome": "dropped"], counts.dropped)
        out.family("trading_notification_messages_total", .counter, help: "Notification messages by outcome: sent, or failed (retried or dropped).")
        out.sample("trading_notification_messages_total", ["outcome": "sent"], counts.messages)
        out.sample("trading_notification_messages_total", ["outcome": "failed"], counts.failedMessages)
        out.family("trading_notifications_queued", .gauge, help: "Notification events waiting to be sent.")
        out.sample("trading_notifications_queued", counts.queued)
    }
}
