import Backends
import Foundation

/// The demo history of a symbol, made the same way every time from its `DataSource`, the
/// sample folder and the database's first start (ARCHITECTURE.md, "Demo history"):
///
/// - A sample file's real candles keep their real dates, each moved to the start of its
///   interval's bucket (BTC's monthly rows are dated at month ends). Every coarser
///   timeframe is rolled up from them; nothing finer than the file is made.
/// - A file coarser than daily (BTC-USDT, monthly) gets seeded synthetic daily candles
///   inside each real candle, consistent with it (they roll back up to it exactly); the
///   other timeframes are rolled from those days and are synthetic too. The days are what
///   the live feed replays.
/// - A symbol without a file gets `syntheticDays` seeded daily candles (geometric Brownian
///   motion, no drift) ending with the day before the database's first start, and weeks
///   and months rolled from them; its live feed is synthetic, so there is no replay.
public enum DemoHistory {
    /// Daily candles made for a symbol without history (at least 500 asked; two years).
    public static let syntheticDays = 730

    private static let day = 86_400_000

    /// The history of `spec`. `firstStart` (epoch ms, from the engine's clock) is when the
    /// database first started: synthetic histories end the day before it.
    /// - Throws: `HistoryError` when the sample file is missing or a line of it is bad.
    public static func history(for spec: SymbolSpec, sampleFolder: String, firstStart: Int) throws(HistoryError) -> SymbolHistory {
        switch spec.source {
        case .sample(let file, let interval):
            let path = sampleFolder + "/" + file
            let bars = try sampleBars(path: path, interval: interval, prices: spec.prices, quantities: spec.quantities)
            return interval > .day1 ? subdivided(spec, bars, interval: interval) : rolledUp(spec, bars, interval: interval)
        case .synthetic(let seed, let startPrice, let sigma):
            return synthetic(spec, seed: seed, startPrice: startPrice, sigma: sigma, firstStart: firstStart)
        case .imported:
            // An imported symbol's history is what was imported: nothing is made for it.
            return SymbolHistory(spec: spec, series: [:], synthetic: [], replay: nil)
        }
    }

    /// What a symbol whose sample file is missing gets instead: seeded synthetic candles
    /// (seed from its name) from 100 units of its quote, with its market's usual volatility.
    public static func fallbackSource(for spec: SymbolSpec) -> DataSource {
        let hundred = (0..<min(spec.prices.digits, 15)).reduce(Int64(100)) { value, _ in value * 10 }
        return .synthetic(seed: seed(for: spec.key), startPrice: hundred, sigma: yearlyVolatility(spec.market))
    }

    /// The real candles of a sample file in the symbol's units, oldest first.
    static func sampleBars(path: String, interval: CandleInterval, prices: UnitScale,
                           quantities: UnitScale) throws(HistoryError) -> [Bar] {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { throw .missingFile(path: path) }
        let rows: [(line: Int, candle: CandleRecord)]
        do {
            rows = try CandleCSV.parseNumbered(text)
        } catch {
            throw .badLine(path: path, line: error.line, reason: error.reason)
        }
        var bars: [Bar] = []
        bars.reserveCapacity(rows.count)
        for (line, record) in rows {
            guard var bar = Bar(record, prices: prices, quantities: quantities) else {
                throw .badLine(path: path, line: line, reason: "a value does not fit the symbol's units")
            }
            bar.start = interval.bucketStart(of: bar.start)
            guard bar.isConsistent else {
                throw .badLine(path: path, line: line, reason: "low and high do not bound open and close at the symbol's units")
            }
            if let previous = bars.last, bar.start <= previous.start {
                throw .badLine(path: path, line: line, reason: "not after the candle of the line before (one \(interval.rawValue) each)")
            }
            bars.append(bar)
        }
        guard !bars.isEmpty else { throw .noCandles(path: path) }
        return bars
    }

    /// Real candles of `interval` (daily or finer) and every coarser timeframe rolled from them.
    private static func rolledUp(_ spec: SymbolSpec, _ bars: [Bar], interval: CandleInterval) -> SymbolHistory {
        var series = [interval: bars]
        for coarser in CandleInterval.allCases where coarser > interval {
            series[coarser] = BarAggregator.roll(bars, into: coarser)
        }
        return SymbolHistory(spec: spec, series: series, synthetic: [], replay: ReplaySource(interval: interval, bars: bars))
    }

    /// Real candles coarser than daily, synthetic days inside each, and the other coarse
    /// timeframes rolled from the days.
    private static func subdivided(_ spec: SymbolSpec, _ bars: [Bar], interval: CandleInterval) -> SymbolHistory {
        var random = SeededRandom(seed: seed(for: spec.key))
        var days: [Bar] = []
        for bar in bars {
            days += SyntheticHistory.subdivide(bar, until: interval.nextStart(after: bar.start), into: .day1, random: &random)
        }
        var series = [interval: bars, .day1: days]
        var synthetic: Set<CandleInterval> = [.day1]
        for coarser in CandleInterval.allCases where coarser > .day1 && coarser != interval {
            series[coarser] = BarAggregator.roll(days, into: coarser)
            synthetic.insert(coarser)
        }
        return SymbolHistory(spec: spec, series: series, synthetic: synthetic, replay: ReplaySource(interval: .day1, bars: days))
    }

    private static func synthetic(_ spec: SymbolSpec, seed: UInt64, startPrice: Int64, sigma: Double, firstStart: Int) -> SymbolHistory {
        let lastDay = CandleInterval.day1.bucketStart(of: firstStart) - day
        var random = SeededRandom(seed: seed)
        let days = SyntheticHistory.bars(count: syntheticDays, interval: .day1, firstStart: lastDay - (syntheticDays - 1) * day,
                                         startPrice: startPrice, mu: 0, sigma: sigma,
                                         meanVolume: meanDailyVolume(spec), random: &random)
        return SymbolHistory(spec: spec, series: [.day1: days, .week1: BarAggregator.roll(days, into: .week1),
                                                  .month1: BarAggregator.roll(days, into: .month1)],
                             synthetic: [.day1, .week1, .month1], replay: nil)
    }

    /// A stable seed from a symbol's name (FNV-1a), the same on every machine and run
    /// (Swift's `Hasher` is seeded per process).
    static func seed(for key: SymbolKey) -> UInt64 {
        key.marketForm.utf8.reduce(0xCBF2_9CE4_8422_2325) { hash, byte in (hash ^ UInt64(byte)) &* 0x0100_0000_01B3 }
    }

    /// A plausible day's volume on one venue, in lots: whole coins, shares or (for FX) the
    /// tick volume the sample file counts, scaled to the symbol's quantity digits.
    private static func meanDailyVolume(_ spec: SymbolSpec) -> Int64 {
        let units: Int64
        switch spec.market {
        case .crypto: units = 20_000
        case .kr: units = 2_000_000
        case .us: units = 20_000_000
        case .fx: units = 30_000
        }
        // Capped well inside Int64, so a symbol with many quantity digits cannot overflow.
        return (0..<spec.quantities.digits).reduce(units) { value, _ in min(value * 10, 1 << 50) }
    }

    /// The yearly volatility of a symbol without its own: crypto swings most, FX least.
    private static func yearlyVolatility(_ market: MarketKind) -> Double {
        switch market {
        case .crypto: return 0.7
        case .kr: return 0.35
        case .us: return 0.3
        case .fx: return 0.08
        }
    }
}
