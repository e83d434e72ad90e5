import Generated
import APIRuntime
import Primitives

/// Checks one dependency for readiness.
public typealias ReadinessProbe = @Sendable () async -> ComponentHealth

/// `GET /health` (liveness) and `GET /health/ready` (every dependency, 503 when one is down).
public struct HealthHandler: HealthAPI {
    /// The database check; nil while no database is configured.
    public var database: ReadinessProbe?
    /// The Redis check; nil when no Redis is configured (the API then reports `disabled`).
    public var redis: ReadinessProbe?
    /// The exchange check; nil while no exchange is configured.
    public var exchange: ReadinessProbe?

    public init(database: ReadinessProbe? = nil, redis: ReadinessProbe? = nil, exchange: ReadinessProbe? = nil) {
        self.database = database
        self.redis = redis
        self.exchange = exchange
    }

    public func getHealth(_ input: GetHealthInput, context: RequestContext) throws -> GetHealthOutput {
        .ok(HealthResponse(status: .healthy, timestamp: Timestamp.iso8601()))
    }

    public func getReadiness(_ input: GetReadinessInput, context: RequestContext) async throws -> GetReadinessOutput {
        let disabled = ComponentHealth(status: .disabled)
        async let database = self.database?() ?? disabled
        async let redis = self.redis?() ?? disabled
        async let exchange = self.exchange?() ?? disabled
        let components = ReadinessComponents(database: await database, redis: await redis, exchange: await exchange)
        let unhealthy = [components.database, components.redis, components.exchange].contains { $0.status == .unhealthy }
        let body = ReadinessResponse(status: unhealthy ? .unhealthy : .healthy, components: components, timestamp: Timestamp.iso8601())
        return unhealthy ? .serviceUnavailable(body) : .ok(body)
    }
}
