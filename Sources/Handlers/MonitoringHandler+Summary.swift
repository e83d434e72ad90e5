import APIRuntime
import Backends
import Engine
import Generated
import Primitives

/// What the system summary reads besides the error log, given by the composition root.
public struct SystemSummarySources: Sendable {
    /// The API's version.
    public var version: String
    /// When the process started (epoch ms).
    public var startedAt: Int
    /// A measured round trip to the database (the readiness check's).
    public var database: ReadinessProbe
    /// This instance's WebSocket connections, those authenticated, and subscriptions.
    public var webSocket: @Sendable () -> (connections: Int, authenticated: Int, subscriptions: Int)
    /// The strategies (engine counters) and the account (orders, positions).
    public var strategies: StrategyService
    public var trading: TradingService

    public init(version: String, startedAt: Int, database: @escaping ReadinessProbe,
                webSocket: @escaping @Sendable () -> (connections: Int, authenticated: Int, subscriptions: Int),
                strategies: StrategyService, trading: TradingService) {
        self.version = version
        self.startedAt = startedAt
        self.database = database
        self.webSocket = webSocket
        self.strategies = strategies
        self.trading = trading
    }
}

extension MonitoringHandler {
    /// The system overview: what the database, the engine, the account, the WebSocket clients,
    /// the error log and the process look like now. The recorded errors and the active orders
    /// are read from the database, so a database that is down answers 503.
    public func getSystemSummary(_ input: GetSystemSummaryInput, context: RequestContext) async throws -> GetSystemSummaryOutput {
        guard let sources = summary else { throw APIError(.notImplemented, message: "The system summary is not wired on this server") }
        let database = await sources.database()
        let stats = try await errorStats()
        let orders: OrderCounts
        do {
            orders = try await sources.trading.activeOrderCounts()
        } catch {
            throw APIError(error)
        }
        let views = try await strategyViews(sources.strategies)
        let sockets = sources.webSocket()
        let memory = ProcessMemory.current()
        let now = Timestamp.nowMilliseconds()
        return .ok(SystemSummary(
            version: sources.version, uptimeSeconds: max(0, (now - sources.startedAt) / 1000),
            startedAt: Timestamp.iso8601(epochMilliseconds: sources.startedAt),
            database: DatabaseSummary(backend: backend.database.dialect == .postgresql ? .postgres : .sqlite, status: database.status,
                                      latencyMs: database.latencyMs ?? 0),
            engine: EngineStats(totalStrategies: views.count, runningStrategies: views.filter(\.running).count,
                                totalSignalsGenerated: views.reduce(0) { $0 + $1.signalsGenerated },
                                totalOrdersFilled: views.reduce(0) { $0 + $1.ordersFilled },
                                totalMarketDataProcessed: views.reduce(0) { $0 + $1.marketDataProcessed }),
            activeOrders: orders.byStatus.values.reduce(0, +), openPositions: sources.trading.positions().count,
            websocket: WebSocketSummary(connections: sockets.connections, authenticatedConnections: sockets.authenticated,
                                        subscriptions: sockets.subscriptions),
            errors: stats, memory: MemorySummary(residentBytes: memory.residentBytes, peakResidentBytes: memory.peakResidentBytes),
            timestamp: Timestamp.iso8601(epochMilliseconds: now)))
    }

    private func strategyViews(_ service: StrategyService) async throws(APIError) -> [StrategyView] {
        do {
            return try await service.strategies()
        } catch {
            throw APIError(error)
        }
    }
}
