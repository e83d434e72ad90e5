#if canImport(Glibc)
import Glibc
import Handlers
import Server
#endif

/// Canned servers and load generators for bench/http.sh and bench/ws-fanout.sh.
///
///   ServerBench http       --port P [--threads 2]
///       HTTPServer + the real router: /health (real HealthHandler) and
///       /api/v1/positions (20 canned positions), logRequests off. Runs until SIGINT/SIGTERM.
///   ServerBench router     [--iterations 5000] [--rounds 7]
///       The same responder called in-process (no sockets): ns per request and per encode.
///   ServerBench ws-server  --port P --rate R --seconds S [--expect N] [--threads 2] [--conflate] [--flush-ms 0]
///                          [--ws-connections-per-address 256]
///       WebSocket endpoint (every connection joins `market:BENCH`); once N subscribers are in,
///       publishes R tickers/s for S seconds, then an `end` message. Runs until SIGINT/SIGTERM.
///       The clients all come from 127.0.0.1, so the per-address cap must let N in.
///   ServerBench ws-clients --port P --connections N [--seconds S] [--threads 1] [--path /ws] [--pause-us 0]
///       N WebSocket clients on their own epoll loop(s); prints delivered messages/s and latency.
///   ServerBench storage    --database URL [--orders N] [--candles N]
///       Batched order inserts, a status query, and a candle bulk load; prints rows/s.

let usage = """
    usage: ServerBench http       --port P [--threads 2]
           ServerBench router     [--iterations 5000] [--rounds 7]
           ServerBench ws-server  --port P --rate R --seconds S [--expect N] [--threads 2] [--conflate] [--flush-ms 0]
                                  [--ws-connections-per-address 256]
           ServerBench ws-clients --port P --connections N [--seconds S] [--threads 1] [--pause-us 0]
           ServerBench storage    --database sqlite:PATH|postgres://… [--orders 100000] [--candles 1000000]
           ServerBench engine     [--seconds 5] [--tick-ms 1] [--publish-ms 200] [--subscribers 0] [--threads 1]
           ServerBench exchange   [--seconds 5] [--database sqlite:PATH|postgres://…]
           ServerBench strategies [--seconds 5] [--database sqlite:NEW-FILE|postgres://…]
           ServerBench ranking    [--symbols 1000] [--candles 500]
           ServerBench forecast   [--samples sample-data] [--candles 1000] [--rounds 3]
           ServerBench journal    --database sqlite:NEW-FILE|postgres://… [--executions 100000] [--rounds 9]
    """

let arguments = Array(CommandLine.arguments.dropFirst())
guard let command = arguments.first else {
    print(usage)
    exit(2)
}
let options = Options(Array(arguments.dropFirst()))

switch command {
case "http":
    exit(HTTPBenchServer.run(options))
case "router":
    exit(await RouterBench.run(options))
case "ws-server":
    exit(FanoutServer.run(options))
case "ws-clients":
    exit(FanoutClients.run(options))
case "storage":
    exit(await StorageBench.run(options))
case "engine":
    exit(EngineBench.run(options))
case "exchange":
    exit(await ExchangeBench.run(options))
case "strategies":
    exit(await StrategyBench.run(options))
case "ranking":
    exit(RankingBench.run(options))
case "forecast":
    exit(ForecastBench.run(options))
case "journal":
    exit(await JournalBench.run(options))
default:
    print(usage)
    exit(2)
}
