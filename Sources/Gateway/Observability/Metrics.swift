import Synchronization
import Primitives

/// Counters for `/metrics`, in the Prometheus text exposition format.
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

    private let state = Mutex(State())
    private let startedAt = Timestamp.nowMilliseconds()
    /// Open WebSocket connections, by path.
    public let webSocketConnections = Mutex<[String: Int]>([:])
    /// Open `/ws` connections that authenticated.
    private let authenticatedWebSockets = Atomic<Int>(0)

    /// Market events processed per symbol, read when rendering (the engine's snapshot).
    private let marketEvents: @Sendable () -> [(symbol: String, events: Int)]
    /// Write-behind batches the database refused, by what they held (each is retried).
    private let persistenceFailures: @Sendable () -> [(store: String, failures: Int)]

    /// Counters; `marketEvents` reports the engine's work per symbol and `persistenceFailures`
    /// its failed write-behind batches (none by default, as on an instance without the engine).
    public init(marketEvents: @escaping @Sendable () -> [(symbol: String, events: Int)] = { [] },
                persistenceFailures: @escaping @Sendable () -> [(store: String, failures: Int)] = { [] }) {
        self.marketEvents = marketEvents
        self.persistenceFailures = persistenceFailures
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
        let snapshot = state.withLock { $0 }
        var durationCount: [String: Int] = [:]
        for (key, count) in snapshot.requests { durationCount[key.operation, default: 0] += count }
        var out = "# HELP trading_http_requests_total HTTP requests answered, by operation and status.\n"
        out += "# TYPE trading_http_requests_total counter\n"
        for (key, count) in snapshot.requests.sorted(by: { ($0.key.operation, $0.key.status) < ($1.key.operation, $1.key.status) }) {
            out += "trading_http_requests_total{operation=\"\(key.operation)\",status=\"\(key.status)\"} \(count)\n"
        }
        out += "# HELP trading_http_request_duration_seconds Time spent answering requests, by operation.\n"
        out += "# TYPE trading_http_request_duration_seconds summary\n"
        for (operation, seconds) in snapshot.durationSum.sorted(by: { $0.key < $1.key }) {
            out += "trading_http_request_duration_seconds_sum{operation=\"\(operation)\"} \(seconds)\n"
            out += "trading_http_request_duration_seconds_count{operation=\"\(operation)\"} \(durationCount[operation] ?? 0)\n"
        }
        out += "# HELP trading_websocket_connections Open WebSocket connections, by path.\n"
        out += "# TYPE trading_websocket_connections gauge\n"
        for (path, count) in webSocketConnections.withLock({ $0 }).sorted(by: { $0.key < $1.key }) {
            out += "trading_websocket_connections{path=\"\(path)\"} \(count)\n"
        }
        out += "# HELP trading_websocket_authenticated_connections Open /ws connections that authenticated.\n"
        out += "# TYPE trading_websocket_authenticated_connections gauge\n"
        out += "trading_websocket_authenticated_connections \(authenticatedWebSocketCount)\n"
        out += "# HELP trading_market_events_total Market events (trades) the engine processed since it started, by symbol.\n"
        out += "# TYPE trading_market_events_total counter\n"
        for (symbol, events) in marketEvents().sorted(by: { $0.symbol < $1.symbol }) {
            out += "trading_market_events_total{symbol=\"\(symbol)\"} \(events)\n"
        }
        out += "# HELP trading_persistence_failures_total Write-behind batches the database refused since the engine started, "
            + "by store (each is retried with the next batch).\n"
        out += "# TYPE trading_persistence_failures_total counter\n"
        for (store, failures) in persistenceFailures() {
            out += "trading_persistence_failures_total{store=\"\(store)\"} \(failures)\n"
        }
        out += "# HELP process_start_time_seconds Start time of the process since the Unix epoch.\n"
        out += "# TYPE process_start_time_seconds gauge\n"
        out += "process_start_time_seconds \(startedAt / 1000)\n"
        return out
    }
}
