#if canImport(Glibc)
import Glibc
#endif
import Generated
import Handlers
import Server
import Primitives
import APIRuntime
import Gateway

/// `ServerBench http`: the transport and the generated router as the real server wires them,
/// with a canned `PositionsAPI` and a caller who is already authenticated.
enum HTTPBenchServer {
    static func run(_ options: Options) -> Int32 {
        Signals.block()
        raiseOpenFileLimit()
        let responder = benchResponder(positions: CannedPositions())

        var configuration = ServerConfiguration()
        configuration.host = "127.0.0.1"
        configuration.port = options.int("--port", 8089)
        configuration.eventLoops = options.int("--threads", 2)
        configuration.logRequests = false
        configuration.shutdownGracePeriod = 1

        let server: HTTPServer
        do {
            server = try HTTPServer(configuration: configuration, responder: responder)
            try server.start()
        } catch {
            note("ServerBench http: cannot start: \(error)")
            return 1
        }
        note("ServerBench http: listening on 127.0.0.1:\(server.port) with \(configuration.eventLoops) event loops")
        _ = Signals.wait()
        server.shutdown()
        return 0
    }
}

/// The responder both benchmarks measure: the real router and `HealthHandler` over `positions`,
/// every caller already authenticated as a viewer.
func benchResponder(positions: CannedPositions) -> APIResponder {
    let metrics = Metrics()
    let swaggerUI = SwaggerUI()
    let handlers = APIHandlers(
        health: HealthHandler(), positions: positions,
        system: SystemHandler(docsPage: { swaggerUI.page(title: "Trading API Server") }, metricsText: metrics.render))
    return APIResponder(
        router: APIRouter(handlers: handlers), swaggerUI: swaggerUI, metrics: metrics,
        security: RequestSecurity(authenticate: { _ in .principal(Principal(userID: "bench", username: "bench", level: .viewer)) }))
}
