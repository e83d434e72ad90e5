import Backends
import Engine
import Foundation
import Primitives

/// `ServerBench strategies [--seconds 5] [--database sqlite:NEW-FILE|postgres://…]`: a headless
/// replay through running strategies on this thread: the seven demo symbols (the real sample
/// candles replayed, seeded GBM for the others), one trade per symbol every millisecond of an
/// engine clock that runs as fast as the loop can go, the paper exchange under them, and ten
/// strategy instances of every kind (grids, RSI, Bollinger, SMA, breakout, splits, infinity,
/// range, dual momentum) deciding on one-minute candles and trading. With `--database`, the
/// exchange's and the strategies' changes are written behind as the engine writes them (one
/// batch in flight). Prints market events per second, and what the strategies did.
enum StrategyBench {
    static let instances: [(id: String, type: String, symbols: [String], config: JSONValue)] = [
        ("grid_btc", "grid", ["BTC/USDT"], .object([JSONMember("warmup_candles", .number("0")), JSONMember("spacing_pct", .number("0.3"))])),
        ("grid_eth", "grid", ["ETH/USDT"], .object([JSONMember("warmup_candles", .number("0"))])),
        ("rsi_goog", "rsi", ["GOOG"], .object([])),
        ("bollinger_eur", "bollinger", ["EUR/USD"], .object([])),
        ("sma_005930", "sma", ["005930"], .object([JSONMember("fast", .number("5")), JSONMember("slow", .number("20"))])),
        ("breakout_000660", "volatility_breakout", ["000660"], .object([])),
        ("split_035720", "magic_split", ["035720"], .object([])),
        ("infinity_eth", "infinity_bot", ["ETH/USDT"], .object([])),
        ("range_btc", "range_trading", ["BTC/USDT"], .object([])),
        ("momentum_kr", "dual_momentum", ["005930", "000660", "035720"], .object([JSONMember("lookback", .number("5"))])),
    ]

    static func run(_ options: Options) async -> Int32 {
        let database = options.string("--database", "")
        let universe = SymbolUniverse.demo
        let settings = ExchangeSettings()
        let opened = await BenchExchangeStore.open(database, schema: "bench_strategies", symbols: universe.all,
                                                   assets: Array(settings.startingBalances.keys), name: "strategies")
        if opened.failed { return 1 }
        let store = opened.store?.store, backend = opened.store?.backend
        defer { backend?.database.close() }
        let writer = BatchWriter(store: store)
        let seconds = options.double("--seconds", 5)
        let market = MarketSettings(feed: FeedSettings(speed: 1440, tickMilliseconds: 1), publishMilliseconds: 200,
                                    maxCatchUpMilliseconds: .max / 4)
        var now = 1_796_000_000_000
        let starts = demoStarts(folder: options.string("--sample-data", "sample-data"), now: now)
        let exchange = PaperExchange(settings: settings, symbols: universe.all, seed: 1)
        let core = MarketCore(settings: market, symbols: starts, sink: nil, now: now, exchange: exchange)
        guard let host = core.strategies else { return 1 }
        do {
            for instance in instances {
                _ = try host.create(id: instance.id, type: instance.type, name: instance.id, symbols: instance.symbols.compactMap(SymbolKey.init),
                                    config: instance.config, at: now)
                try host.start(id: instance.id, history: instance.symbols.map { _ in [] }, at: now)
            }
        } catch {
            note("ServerBench strategies: \(error)")
            return 1
        }
        let started = Timestamp.monotonicNanoseconds()
        let deadline = started + UInt64(seconds * 1e9)
        var rounds = 0
        while Timestamp.monotonicNanoseconds() < deadline {
            now += 1000
            core.advance(to: now)
            rounds += 1
            if rounds % 20 == 0 {
                var changes = exchange.takeChanges()
                host.takeChanges(into: &changes)
                await writer.write(changes, at: now, submissions: changes.orders.count)
            }
        }
        await writer.drain()
        let elapsed = Double(Timestamp.monotonicNanoseconds() - started) / 1e9
        let views = host.views
        let batches = await writer.batches
        let persistence = BenchExchangeStore.persistence(database, transactions: batches)
        let signals = views.reduce(0) { $0 + $1.signalsGenerated }, filled = views.reduce(0) { $0 + $1.ordersFilled }
        print("| \(starts.count) symbols, \(views.filter(\.running).count) of \(instances.count) strategies running, \(persistence) | "
              + "\(core.events) events, \(rounds / 60) one-minute candles a symbol, \(signals) signals, \(filled) orders filled in "
              + String(format: "%.2f s | **%.0f events/s** |", elapsed, Double(core.events) / elapsed))
        return 0
    }
}
