import Engine
import Primitives

/// `ServerBench ranking [--symbols 1000] [--candles 500]`: the GlobalScore ranking's
/// computation on this thread: for each of `symbols` seeded random-walk symbols with
/// `candles` daily candles, every input of the scores (API.md "Inputs of the scores"), the
/// GlobalScore with its components, penalties and grade, the RouteState and the 7Factor
/// score, then the symbols sorted by score. Prints the time of the whole recomputation.
enum RankingBench {
    static func run(_ options: Options) -> Int32 {
        let symbols = options.int("--symbols", 1000), candles = options.int("--candles", 500)
        let spec = SymbolSpec(key: SymbolKey("BENCH-USDT")!, name: "Bench", market: .crypto, prices: UnitScale(digits: 2),
                              quantities: UnitScale(digits: 4), source: .synthetic(seed: 1, startPrice: 10_000, sigma: 0.5))
        var random = SeededRandom(seed: 42)
        let series: [[Bar]] = (0..<symbols).map { _ in
            var price: Int64 = 10_000 + Int64(random.next() % 50_000)
            return (0..<candles).map { day in
                let open = price
                let move = Int64(random.next() % 600) - 295
                let close = max(100, open + open * move / 10_000)
                let high = max(open, close) + Int64(random.next() % 100), low = max(1, min(open, close) - Int64(random.next() % 100))
                price = close
                return Bar(start: day * 86_400_000, open: open, high: high, low: low, close: close, volume: 1_000 + Int64(random.next() % 100_000))
            }
        }
        let started = Timestamp.monotonicNanoseconds()
        var ranked: [(index: Int, score: Double)] = []
        var routes: [String: Int] = [:]
        var factorSum = 0.0
        for (index, bars) in series.enumerated() {
            let inputs = ScoreInputs(bars: bars, spec: spec)
            guard let score = GlobalScore(inputs), let route = RouteState(inputs) else { continue }
            ranked.append((index, score.score))
            routes[route.rawValue, default: 0] += 1
            factorSum += SevenFactor(inputs: inputs, fundamentals: nil).total
        }
        ranked.sort { $0.score > $1.score }
        let elapsed = Double(Timestamp.monotonicNanoseconds() - started) / 1e9
        let spread = routes.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        print("| GlobalScore, RouteState and 7Factor of \(symbols) symbols × \(candles) daily candles, sorted | \(ranked.count) ranked ("
              + "\(spread)), best \(String(format: "%.2f", ranked.first?.score ?? 0)), mean 7Factor \(String(format: "%.2f", factorSum / Double(max(1, ranked.count)))) | "
              + String(format: "**%.3f s** |", elapsed))
        return 0
    }
}
