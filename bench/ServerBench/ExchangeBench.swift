import Engine
import Primitives

/// `ServerBench exchange [--seconds 5]`: the paper exchange's matching engine on this thread,
/// no persistence: one symbol (BTC-USDT's units), its feed running (a market trade every 10
/// submissions, a new synthetic book every 200), and a stream of submissions, 70% limit orders
/// within ±0.2% of the price (some marketable, most resting) and 30% market orders, buys and
/// sells (a sell only when the position has the lots free), the changes taken for persistence
/// every 1,000. Prints order submissions per second.
enum ExchangeBench {
    static func run(_ options: Options) -> Int32 {
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
        }
        let elapsed = Double(Timestamp.monotonicNanoseconds() - started) / 1e9
        print("| matching engine, 1 symbol, 70% limit / 30% market, feed running, no persistence | \(submitted) submissions "
              + "(\(refused) refused), \(fills) fills, \(exchange.activeOrders.count) resting at the end, in "
              + String(format: "%.2f s | **%.0f submissions/s** |", elapsed, Double(submitted) / elapsed))
        return 0
    }
}
