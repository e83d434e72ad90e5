import Foundation

/// Seeded candles for a symbol without history: a geometric Brownian motion of the close
/// (drift `mu`, volatility `sigma`, both per year), one candle per `interval` step, each
/// candle's high and low reaching beyond its open and close by a draw of the same volatility.
/// The same seed gives the same candles.
public enum SyntheticHistory {
    /// `count` consecutive candles opening at `firstStart`, starting from `startPrice` ticks.
    public static func bars(count: Int, interval: CandleInterval, firstStart: Int, startPrice: Int64,
                            mu: Double, sigma: Double, meanVolume: Int64, random: inout SeededRandom) -> [Bar] {
        let yearMs = 365.25 * 86_400_000
        var bars: [Bar] = []
        bars.reserveCapacity(count)
        var start = interval.bucketStart(of: firstStart)
        var price = Double(max(1, startPrice))
        for _ in 0..<count {
            let next = interval.nextStart(after: start)
            let dt = Double(next - start) / yearMs
            let open = price
            let close = open * exp((mu - sigma * sigma / 2) * dt + sigma * dt.squareRoot() * random.nextGaussian())
            let wick = sigma * dt.squareRoot()
            let high = max(open, close) * (1 + abs(random.nextGaussian()) * wick / 2)
            let low = min(open, close) / (1 + abs(random.nextGaussian()) * wick / 2)
            let volume = Int64((Double(max(1, meanVolume)) * (0.5 + random.nextUnit())).rounded())
            let bar = Bar(start: start, open: Self.ticks(open), high: Self.ticks(high), low: max(1, Self.ticks(low)),
                          close: Self.ticks(close), volume: volume)
            bars.append(bar)
            price = Double(bar.close)
            start = next
        }
        return bars
    }

    /// Candles of the shorter `interval` inside `bar` (which opens at its own interval's
    /// boundary and lasts until `end`), consistent with it: they aggregate back to `bar`
    /// exactly (the first opens at its open, the last closes at its close, one reaches its
    /// high and one its low, the volumes add up). Made from seeded trades
    /// (`TickSynthesizer`), `ticksPerCandle` of them in each shorter candle.
    public static func subdivide(_ bar: Bar, until end: Int, into interval: CandleInterval, ticksPerCandle: Int = 8,
                                 random: inout SeededRandom) -> [Bar] {
        var candles = 0
        var start = interval.bucketStart(of: bar.start)
        while start < end {
            candles += 1
            start = interval.nextStart(after: start)
        }
        let ticks = TickSynthesizer.ticks(inside: bar, duration: end - bar.start, count: max(1, candles) * max(1, ticksPerCandle),
                                          random: &random)
        return BarAggregator.roll(ticks.map(Bar.init), into: interval)
    }

    private static func ticks(_ value: Double) -> Int64 {
        Int64(max(1, value.rounded()))
    }
}
