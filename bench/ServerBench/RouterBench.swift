#if canImport(Glibc)
import Glibc
#endif
import Generated
import Handlers
import Server
import Primitives
import APIRuntime
import Gateway

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
                let start = Timestamp.monotonicNanoseconds()
                for _ in 0..<iterations {
                    bytes = await responder.respond(to: request, requestID: "bench-request-1", remoteAddress: "127.0.0.1").body.count
                }
                best = min(best, Timestamp.monotonicNanoseconds() - start)
            }
            print("| responder GET \(path) | \(fixed(Double(best) / Double(iterations), 0)) | \(bytes) |")
        }
        var bytes = 0
        var best = UInt64.max
        for _ in 0..<rounds {
            let start = Timestamp.monotonicNanoseconds()
            for _ in 0..<iterations { bytes = JSONWriter.encode(positions.all).count }
            best = min(best, Timestamp.monotonicNanoseconds() - start)
        }
        print("| JSONWriter.encode(PositionList of 20) | \(fixed(Double(best) / Double(iterations), 0)) | \(bytes) |")
        return 0
    }
}
