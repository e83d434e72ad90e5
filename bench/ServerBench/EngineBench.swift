import Backends
import Engine
import Foundation
import Primitives

/// `ServerBench engine [--seconds 5] [--tick-ms 1] [--publish-ms 200] [--sink none|counting]`:
/// the engine's market loop on this thread, without persistence: the seven demo symbols (the
/// real sample candles replayed, seeded GBM for the others) fed one trade per symbol every
/// `tick-ms` of a clock that runs as fast as the loop can go, candles of all nine intervals, the
/// 24-hour windows, the books made again at each publish and the stream updates handed to the
/// sink. Prints market events (trades) processed per second of wall time.
enum EngineBench {
    static func run(_ options: Options, sink: (any MarketUpdateSink)?) -> Int32 {
        let seconds = options.double("--seconds", 5)
        let settings = MarketSettings(feed: FeedSettings(speed: 1440, tickMilliseconds: options.int("--tick-ms", 1)),
                                      publishMilliseconds: options.int("--publish-ms", 200), maxCatchUpMilliseconds: .max / 4)
        let folder = options.string("--sample-data", "sample-data")
        var now = 1_796_000_000_000
        let starts = SymbolUniverse.demo.all.map { spec -> SymbolStart in
            let replay = (try? DemoHistory.history(for: spec, sampleFolder: folder, firstStart: now))?.replay
            let price: Int64
            if case .synthetic(_, let start, _) = spec.source { price = start } else { price = replay?.bars.last?.close ?? 1 }
            return SymbolStart(spec: spec, price: price, replay: replay)
        }
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
        print("| engine loop, \(starts.count) symbols, trade every \(settings.feed.tickMilliseconds) ms of engine time, publish every "
              + "\(settings.publishMilliseconds) ms (\(publishes) publishes a symbol) | \(core.events) events in "
              + String(format: "%.2f s | %.0f events/s |", elapsed, rate))
        return 0
    }
}
