import Backends
@testable import Engine

/// A fixed seeded history of daily candles for the score tests, generated with integer steps
/// only so that a scratch numpy script (which reimplements `SeededRandom`) rebuilds exactly
/// the same candles: close ← max(100, open + next % 401 − 195) ticks from 10000, open = the
/// previous close, high = max(open, close) + next % 60, low = min(open, close) − next % 60,
/// volume = 100000000 + next % 900000000 lots. Prices have 2 digits, quantities 2.
enum ScoreFixture {
    static let spec = SymbolSpec(key: SymbolKey("SCORE-USDT")!, name: "Score fixture", market: .crypto,
                                 prices: UnitScale(digits: 2), quantities: UnitScale(digits: 2),
                                 source: .synthetic(seed: 17, startPrice: 10_000, sigma: 0.2))

    /// `count` daily candles from seed `seed`, oldest first.
    static func bars(count: Int = 260, seed: UInt64 = 17) -> [Bar] {
        var random = SeededRandom(seed: seed)
        var close: Int64 = 10_000
        var bars: [Bar] = []
        for day in 0..<count {
            let open = close
            close = max(100, open + Int64(random.next() % 401) - 195)
            let high = max(open, close) + Int64(random.next() % 60)
            let low = min(open, close) - Int64(random.next() % 60)
            let volume = 100_000_000 + Int64(random.next() % 900_000_000)
            bars.append(Bar(start: 1_600_000_000_000 + day * 86_400_000, open: open, high: high, low: low, close: close,
                            volume: volume))
        }
        return bars
    }

    /// The fixture's fundamentals: PER 12.5, PBR 1.1, PSR 2, ROE 14, ROA 6, operating margin 11,
    /// net margin 8, revenue growth 12, earnings growth 25.
    static let fundamentals = FundamentalRecord(ticker: "SCORE", market: "CRYPTO", per: 12.5, pbr: 1.1, psr: 2, roe: 14, roa: 6,
                                                operatingMargin: 11, netMargin: 8, revenueGrowth: 12, earningsGrowth: 25,
                                                updatedAt: 0)
}
