#if canImport(Glibc)
import Glibc
#endif
import Server
import Synchronization
import Primitives

/// `ServerBench ws-server`: every WebSocket connection subscribes to `market:BENCH`; once
/// `--expect` subscribers are in (and `--warmup` seconds passed), a publisher thread sends
/// `--rate` tickers per second for `--seconds` seconds through `ChannelBroadcaster.publish`,
/// then one `{"type":"end",…}` message that tells the clients how many were published.
enum FanoutServer {
    static let channel = "market:BENCH"

    static func run(_ options: Options) -> Int32 {
        Signals.block()
        raiseOpenFileLimit()
        let rate = max(1, options.int("--rate", 100))
        let seconds = options.double("--seconds", 10)
        let expect = options.int("--expect", 1)
        let warmup = options.double("--warmup", 1)
        let conflationKey: String? = options.flag("--conflate") ? "ticker:BENCH" : nil

        let broadcaster = ChannelBroadcaster()
        let closedCount = Counter()
        let endpoint = FanoutEndpoint(broadcaster: broadcaster, closedCount: closedCount)
        var configuration = ServerConfiguration()
        configuration.host = "127.0.0.1"
        configuration.port = options.int("--port", 8090)
        configuration.eventLoops = options.int("--threads", 2)
        configuration.logRequests = false
        configuration.shutdownGracePeriod = 1
        configuration.webSocketPingInterval = 600
        // Published frames wait this long for the loop's next fan-out flush (0: each loop iteration).
        configuration.webSocketFanoutFlushInterval = options.double("--flush-ms", 0) / 1000
        // Every client of the benchmark connects from 127.0.0.1: ws-fanout.sh passes its count.
        configuration.maxWebSocketConnectionsPerAddress = options.int(
            "--ws-connections-per-address", configuration.maxWebSocketConnectionsPerAddress)

        let server: HTTPServer
        do {
            server = try HTTPServer(configuration: configuration, responder: NotFoundResponder(), webSocketEndpoint: endpoint)
            try server.start()
        } catch {
            note("ServerBench ws-server: cannot start: \(error)")
            return 1
        }
        note("ServerBench ws-server: listening on 127.0.0.1:\(server.port) (\(configuration.eventLoops) loops); "
            + "waiting for \(expect) subscribers, then \(rate) msg/s for \(seconds) s"
            + (conflationKey == nil ? "" : " with conflation key \(conflationKey!)"))

        startThread {
            publish(broadcaster: broadcaster, rate: rate, seconds: seconds, expect: expect, warmup: warmup,
                    conflationKey: conflationKey, closedCount: closedCount)
        }
        _ = Signals.wait()
        server.shutdown()
        return 0
    }

    /// The publisher: paced by absolute deadlines so a late wake-up does not lower the rate.
    static func publish(
        broadcaster: ChannelBroadcaster, rate: Int, seconds: Double, expect: Int, warmup: Double,
        conflationKey: String?, closedCount: Counter
    ) {
        let waitStart = Timestamp.monotonicNanoseconds()
        while broadcaster.subscriberCount(channel) < expect {
            if Timestamp.monotonicNanoseconds() - waitStart > 120_000_000_000 {
                note("ws-server: only \(broadcaster.subscriberCount(channel)) of \(expect) subscribers after 120 s; publishing anyway")
                break
            }
            usleep(10_000)
        }
        sleepUntil(monotonic: Timestamp.monotonicNanoseconds() + UInt64(warmup * 1e9))
        let subscribers = broadcaster.subscriberCount(channel)
        let total = Int(Double(rate) * seconds)
        let interval = 1e9 / Double(rate)
        let start = Timestamp.monotonicNanoseconds()
        var reachedSum = 0
        var maxLag: UInt64 = 0
        for seq in 0..<total {
            let due = start + UInt64(Double(seq) * interval)
            let now = Timestamp.monotonicNanoseconds()
            if now < due { sleepUntil(monotonic: due) } else { maxLag = max(maxLag, now - due) }
            let text = #"{"type":"ticker","symbol":"BENCH","seq":\#(seq),"price":"67412.35","sent_ns":\#(realtimeNanoseconds())}"#
            reachedSum += broadcaster.publish(text, to: channel, conflationKey: conflationKey)
        }
        let elapsed = Double(Timestamp.monotonicNanoseconds() - start) / 1e9
        let closedDuringRun = closedCount.value
        // Let the queues drain a little so `end` is not the reason a slow reader is dropped.
        usleep(200_000)
        broadcaster.publish(#"{"type":"end","published":\#(total)}"#, to: channel)
        note("ws-server: published \(total) messages to \(subscribers) subscribers in \(fixed(elapsed, 3)) s "
            + "(\(fixed(Double(total) / elapsed, 1)) msg/s, \(fixed(Double(reachedSum) / elapsed, 0)) deliveries/s handed to the loops; "
            + "max publisher lag \(fixed(Double(maxLag) / 1e6, 2)) ms); connections closed during the run: \(closedDuringRun)")
    }
}
