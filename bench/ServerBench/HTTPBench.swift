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

/// `GET /api/v1/positions` over 20 positions built once; the list is encoded per request.
struct CannedPositions: PositionsAPI {
    let all: PositionList

    init() {
        let symbols: [(symbol: String, price: Double, quantity: Double)] = [
            ("BTC/USDT", 67_412.35, 0.125), ("ETH/USDT", 3_521.18, 2.4), ("SOL/USDT", 171.42, 55),
            ("BNB/USDT", 598.7, 6.5), ("XRP/USDT", 0.5231, 12_000), ("ADA/USDT", 0.4518, 15_500),
            ("DOGE/USDT", 0.1623, 48_000), ("AVAX/USDT", 36.81, 120), ("DOT/USDT", 7.214, 800),
            ("LINK/USDT", 17.92, 310), ("MATIC/USDT", 0.7312, 9_000), ("LTC/USDT", 84.55, 40),
            ("ATOM/USDT", 8.933, 520), ("UNI/USDT", 10.27, 450), ("ARB/USDT", 1.0421, 4_800),
            ("OP/USDT", 2.318, 2_100), ("005930", 78_300, 35), ("AAPL", 189.84, 60),
            ("NVDA", 121.44, 80), ("TSLA", 177.29, 25),
        ]
        var positions: [Position] = []
        var unrealized = 0.0, realized = 0.0, notional = 0.0, longs = 0
        for (index, entry) in symbols.enumerated() {
            let long = index % 3 != 2
            let entryPrice = entry.price * (long ? 0.97 : 1.025)
            let pnl = (entry.price - entryPrice) * entry.quantity * (long ? 1 : -1)
            let realizedPnl = Double(index * 37 % 11) * 12.5 - 40
            let value = entry.price * entry.quantity
            unrealized += pnl
            realized += realizedPnl
            notional += value
            if long { longs += 1 }
            let day = 10 + index % 18
            positions.append(Position(
                id: "3f6c1a2e-8b4d-4c7a-9e1f-\(String(0x5d2a_0000_0000 + index * 7919, radix: 16))",
                exchange: index >= 16 ? "kis" : "binance",
                symbol: entry.symbol,
                side: long ? .buy : .sell,
                quantity: fixed(entry.quantity, 4),
                entryPrice: fixed(entryPrice, 4),
                currentPrice: fixed(entry.price, 4),
                unrealizedPnl: fixed(pnl, 2),
                realizedPnl: fixed(realizedPnl, 2),
                notionalValue: fixed(value, 2),
                returnPct: fixed((entry.price / entryPrice - 1) * 100 * (long ? 1 : -1), 2),
                strategyId: index % 4 == 3 ? nil : "momentum-\(index % 5)",
                openedAt: "2024-05-\(day)T08:\(10 + index):00Z",
                updatedAt: "2024-06-01T12:34:\(10 + index).250Z"))
        }
        all = PositionList(
            positions: positions, total: positions.count,
            summary: PositionSummary(
                totalPositions: positions.count, totalUnrealizedPnl: fixed(unrealized, 2),
                totalRealizedPnl: fixed(realized, 2), totalNotionalValue: fixed(notional, 2),
                longCount: longs, shortCount: positions.count - longs))
    }

    func listPositions(_ input: ListPositionsInput, context: RequestContext) async throws -> ListPositionsOutput {
        guard input.symbol != nil || input.strategyId != nil || input.offset > 0 || input.limit < all.positions.count else {
            return .ok(all)
        }
        let matching = all.positions.filter {
            (input.symbol == nil || $0.symbol == input.symbol) && (input.strategyId == nil || $0.strategyId == input.strategyId)
        }
        let page = Array(matching.dropFirst(input.offset).prefix(input.limit))
        return .ok(PositionList(positions: page, total: matching.count, summary: all.summary))
    }
}

/// `ServerBench router`: the responder's work without the transport, on one thread: routing,
/// input decoding, the handler and JSON encoding per request, plus encoding the position list
/// alone. Less noisy than wrk for comparing changes to the router or the JSON writer.
enum RouterBench {
    static func run(_ options: Options) async -> Int32 {
        let iterations = max(1, options.int("--iterations", 5_000))
        let rounds = max(1, options.int("--rounds", 7))
        let positions = CannedPositions()
        let responder = benchResponder(positions: positions)
        let headers = HTTPHeaders([("Host", "127.0.0.1:8080"), ("User-Agent", "wrk"), ("Accept", "*/*")])
        print("best of \(rounds) rounds of \(iterations) calls (the machine is noisy: the best round is the least disturbed)")
        print("| work | ns/op | bytes |")
        print("|---|---|---|")
        for path in ["/health", "/api/v1/positions"] {
            let request = HTTPRequest(head: HTTPRequestHead(method: "GET", target: path, headers: headers))
            var bytes = 0
            var best = UInt64.max
            for _ in 0..<rounds {
                let start = monotonicNow()
                for _ in 0..<iterations {
                    bytes = await responder.respond(to: request, requestID: "bench-request-1", remoteAddress: "127.0.0.1").body.count
                }
                best = min(best, monotonicNow() - start)
            }
            print("| responder GET \(path) | \(fixed(Double(best) / Double(iterations), 0)) | \(bytes) |")
        }
        var bytes = 0
        var best = UInt64.max
        for _ in 0..<rounds {
            let start = monotonicNow()
            for _ in 0..<iterations { bytes = JSONWriter.encode(positions.all).count }
            best = min(best, monotonicNow() - start)
        }
        print("| JSONWriter.encode(PositionList of 20) | \(fixed(Double(best) / Double(iterations), 0)) | \(bytes) |")
        return 0
    }
}
