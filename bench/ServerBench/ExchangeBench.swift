import Backends
import Engine
import Foundation
import Primitives

/// `ServerBench exchange [--seconds 5] [--database sqlite:PATH|postgres://…]`: the paper
/// exchange's matching engine on this thread: one symbol (BTC-USDT's units), its feed running (a
/// market trade every 10 submissions, a new synthetic book every 200), and a stream of
/// submissions, 70% limit orders within ±0.2% of the price (some marketable, most resting) and 30%
/// market orders, buys and sells (a sell only when the position has the lots free), the changes
/// taken every 1,000. With `--database`, they are written behind as the engine writes them: one
/// batch (one transaction) in flight, the next merging meanwhile, the loop waiting when more than
/// 20,000 submissions are unwritten; a PostgreSQL run writes to an emptied schema
/// `bench_exchange`, a SQLite run to a file that must not exist yet. Prints order submissions
/// per second.
enum ExchangeBench {
    static func run(_ options: Options) async -> Int32 {
        let database = options.string("--database", "")
        let opened = await BenchExchangeStore.open(database, schema: "bench_exchange", symbols: [SymbolUniverse.demo.resolve("BTC-USDT")!],
                                                   assets: ["USDT"], name: "exchange")
        if opened.failed { return 1 }
        let store = opened.store?.store, backend = opened.store?.backend
        defer { backend?.database.close() }
        let writer = BatchWriter(store: store)
        let seconds = options.double("--seconds", 5)
        let spec = SymbolUniverse.demo.resolve("BTC-USDT")!
        var settings = ExchangeSettings(startingBalances: ["USDT": ExactDecimal(1_000_000_000_000)])
        settings.maxSlippageBasisPoints = 100
        let exchange = PaperExchange(settings: settings, symbols: [spec], seed: 1)
        var random = SeededRandom(seed: 2)
        var bookRandom = SeededRandom(seed: 3)
        var price: Int64 = 6_500_000  // 65,000.00
        var time = 1_796_000_000_000
        let depth = DepthSettings(levels: 20, spreadTicks: 2, stepTicks: 10, meanLots: 50_000_000)
        exchange.setBook(spec.key, L2Book.synthetic(around: price, depth, random: &bookRandom), at: time)
        let key = PositionKey(exchange: PositionKey.spot, symbol: spec.key, strategyID: nil)
        var submitted = 0, refused = 0, fills = 0
        let started = Timestamp.monotonicNanoseconds()
        let deadline = started + UInt64(seconds * 1e9)
        while Timestamp.monotonicNanoseconds() < deadline {
            for _ in 0..<1_000 {
                submitted += 1
                time += 1
                if submitted % 10 == 0 {
                    price = max(1_000_000, price + Int64(random.next() % 41) - 20)
                    exchange.marketTrade(spec.key, Tick(time: time, price: price, quantity: 1 + Int64(random.next() % 20_000_000)))
                }
                if submitted % 200 == 0 {
                    exchange.setBook(spec.key, L2Book.synthetic(around: price, depth, random: &bookRandom), at: time)
                }
                let quantity = 100_000 + Int64(random.next() % 10_000_000)  // 0.001 to 0.101 BTC
                var side: OrderSide = random.next() % 2 == 0 ? .buy : .sell
                if side == .sell, (exchange.position(key)?.quantity ?? 0) < quantity * 4 { side = .buy }
                let request: OrderRequest
                if random.next() % 10 < 7 {
                    let offset = Int64(random.next() % 2_600) - 1_300  // ±0.2%
                    request = OrderRequest(symbol: spec.key, side: side, kind: .limit, quantity: quantity, price: price + offset)
                } else {
                    request = OrderRequest(symbol: spec.key, side: side, kind: .market, quantity: quantity)
                }
                do {
                    _ = try exchange.place(request, at: time)
                } catch {
                    refused += 1
                }
            }
            let changes = exchange.takeChanges()
            fills += changes.fills.count
            _ = exchange.takeTrades()
            await writer.write(changes, at: time, submissions: 1_000)
        }
        await writer.drain()
        let elapsed = Double(Timestamp.monotonicNanoseconds() - started) / 1e9
        let batches = await writer.batches
        let persistence = BenchExchangeStore.persistence(database, transactions: batches)
        print("| matching engine, 1 symbol, 70% limit / 30% market, feed running, \(persistence) | \(submitted) submissions "
              + "(\(refused) refused), \(fills) fills, \(exchange.activeOrders.count) resting at the end, \(exchange.position(key)?.lots.count ?? 0) lots, in "
              + String(format: "%.2f s | **%.0f submissions/s** |", elapsed, Double(submitted) / elapsed))
        return 0
    }
}

/// Writes the exchange's changes behind, as the engine does: one batch in flight, the next
/// merging meanwhile; `write` waits only when too much is unwritten.
actor BatchWriter {
    private let store: BackendExchangeStore?
    private var pending = ExchangeChanges()
    private var pendingSubmissions = 0
    private var time = 0
    private var inFlight: Task<Void, Never>?
    private(set) var batches = 0

    init(store: BackendExchangeStore?) {
        self.store = store
    }

    func write(_ changes: ExchangeChanges, at time: Int, submissions: Int) async {
        guard store != nil else { return }
        pending.merge(changes)
        pendingSubmissions += submissions
        self.time = time
        if pendingSubmissions > 20_000, let inFlight { await inFlight.value }
        startIfIdle()
    }

    func drain() async {
        while let inFlight {
            await inFlight.value
            startIfIdle()
            if pending.isEmpty, self.inFlight == nil { break }
        }
    }

    private func startIfIdle() {
        guard inFlight == nil, let store, !pending.isEmpty else { return }
        let batch = pending, time = self.time
        pending = ExchangeChanges()
        pendingSubmissions = 0
        batches += 1
        inFlight = Task {
            do {
                try await store.store(batch, at: time)
            } catch {
                note("ServerBench exchange: a batch failed: \(error)")
            }
            self.finished()
        }
    }

    private func finished() {
        inFlight = nil
        startIfIdle()
    }
}
