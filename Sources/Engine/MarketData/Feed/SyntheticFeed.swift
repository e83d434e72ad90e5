import Foundation

/// The live feed of a symbol without history: a geometric Brownian motion of the price with the
/// symbol's yearly volatility `sigma` and no drift, one step per slot of `tickMilliseconds ×
/// speed` of market time, and trade sizes drawn around `meanLots`. Each slot's draw depends on
/// the seed and the slot alone, so the same seed and start price give the same trades.
public struct SyntheticFeed: MarketDataFeed {
    public let sigma: Double
    public let meanLots: Int64
    public let seed: UInt64
    /// The standard deviation of one step's log return.
    private let stepDeviation: Double

    public init(sigma: Double, meanLots: Int64, settings: FeedSettings, seed: UInt64) {
        self.sigma = sigma
        self.meanLots = max(1, meanLots)
        self.seed = seed
        let yearMs = 365.25 * 86_400_000
        stepDeviation = sigma * (Double(settings.tickMilliseconds) * settings.speed / yearMs).squareRoot()
    }

    public mutating func trade(slot: Int, time: Int, from price: Int64) -> Tick {
        var random = SeededRandom.feed(seed: seed, index: slot)
        let step = -stepDeviation * stepDeviation / 2 + stepDeviation * random.nextGaussian()
        let next = max(1, Int64((Double(max(1, price)) * exp(step)).rounded()))
        let quantity = max(1, Int64((Double(meanLots) * (0.2 + 1.6 * random.nextUnit())).rounded()))
        return Tick(time: time, price: next, quantity: quantity)
    }
}
