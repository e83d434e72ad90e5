#if canImport(Glibc)
import Glibc
#endif
import Engine
import Foundation
import Gateway
import Primitives

/// `ServerBench engine [--seconds 5] [--tick-ms 1] [--publish-ms 200] [--subscribers 0] [--threads 1]`:
/// the engine's market loop on this thread, without persistence: the seven demo symbols (the
/// real sample candles replayed, seeded GBM for the others) fed one trade per symbol every
/// `tick-ms` of a clock that runs as fast as the loop can go, candles of all nine intervals, the
/// 24-hour windows, the books made again at each publish, and the stream updates handed to the
/// real `MarketStreamBridge`. With `--subscribers N`, N WebSocket clients (in this process, on
/// an `HTTPServer` of `--threads` event loops) are subscribed to every market channel, so every
/// update is encoded and fanned out; without, the bridge finds no subscriber and encodes
/// nothing. Prints market events (trades) processed per second of wall time.
enum EngineBench {
    static func run(_ options: Options) -> Int32 {
        let subscribers = options.int("--subscribers", 0)
        let streams: EngineStreamServer
        do {
            streams = try EngineStreamServer(symbols: SymbolUniverse.demo.all, clients: subscribers, loops: options.int("--threads", 1))
        } catch {
            note("ServerBench engine: cannot start the stream server: \(error)")
            return 1
        }
        defer { streams.stop() }
        let waitStart = Timestamp.monotonicNanoseconds()
        while streams.broadcaster.subscriberCount("all_markets") < subscribers {
            guard Timestamp.monotonicNanoseconds() - waitStart < 30_000_000_000 else {
                note("ServerBench engine: only \(streams.broadcaster.subscriberCount("all_markets")) of \(subscribers) subscribers")
                return 1
            }
            usleep(10_000)
        }
        let sink = MarketStreamBridge(broadcaster: streams.broadcaster, bookDepths: OrderBookDepths())
        let seconds = options.double("--seconds", 5)
        let settings = MarketSettings(feed: FeedSettings(speed: 1440, tickMilliseconds: options.int("--tick-ms", 1)),
                                      publishMilliseconds: options.int("--publish-ms", 200), maxCatchUpMilliseconds: .max / 4)
        var now = 1_796_000_000_000
        let starts = demoStarts(folder: options.string("--sample-data", "sample-data"), now: now)
        let core = MarketCore(settings: settings, symbols: starts, sink: sink, now: now)
        let started = Timestamp.monotonicNanoseconds()
        let deadline = started + UInt64(seconds * 1e9)
        var rounds = 0
        while Timestamp.monotonicNanoseconds() < deadline {
            now += 1000
            core.advance(to: now)
            rounds += 1
        }
        let elapsed = Double(Timestamp.monotonicNanoseconds() - started) / 1e9
        let rate = Double(core.events) / elapsed
        let publishes = rounds * 1000 / settings.publishMilliseconds
        usleep(200_000)  // the last frames reach the clients
        let received = Double(streams.bytes.value)
        print("| \(starts.count) symbols, a trade every \(settings.feed.tickMilliseconds) ms of engine time, publish every "
              + "\(settings.publishMilliseconds) ms (\(publishes) a symbol), \(subscribers) subscribers on every market channel | "
              + "\(core.events) events in " + String(format: "%.2f s | **%.0f events/s** | %.1f MB/s to the subscribers |",
                                                        elapsed, rate, received / elapsed / 1e6))
        return 0
    }
}

/// Where each demo symbol starts for a benchmark at `now`: the real sample candles replayed
/// (their last close the price), seeded GBM for the others.
func demoStarts(folder: String, now: Int) -> [SymbolStart] {
    SymbolUniverse.demo.all.map { spec -> SymbolStart in
        let replay = (try? DemoHistory.history(for: spec, sampleFolder: folder, firstStart: now))?.replay
        let price: Int64
        if case .synthetic(_, let start, _) = spec.source { price = start } else { price = replay?.bars.last?.close ?? 1 }
        return SymbolStart(spec: spec, price: price, replay: replay)
    }
}
