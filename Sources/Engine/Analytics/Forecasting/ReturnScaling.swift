/// The affine map that scales log returns to mean 0 and standard deviation 1 over the part a
/// model is fitted on, so that every forecaster (the LSTM above all) sees values of one size
/// whatever the symbol's price or volatility.
public struct ReturnScaling: Sendable, Equatable {
    /// The mean of the fitted returns.
    public let mean: Double
    /// Their standard deviation (population), at least `smallestDeviation`.
    public let deviation: Double

    public init(mean: Double, deviation: Double) {
        self.mean = mean
        self.deviation = deviation
    }

    /// The scaling of `returns` (not empty).
    public init(fitting returns: ArraySlice<Double>) {
        let mean = returns.reduce(0, +) / Double(returns.count)
        let variance = returns.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(returns.count)
        self.init(mean: mean, deviation: max(variance.squareRoot(), Self.smallestDeviation))
    }

    /// The deviation of returns that barely vary (a flat series): small enough that a
    /// forecast in scaled units moves the price by nothing that shows, large enough that the
    /// returns scaled by it stay finite.
    public static let smallestDeviation = 1e-8

    /// `value` in scaled units.
    public func scaled(_ value: Double) -> Double { (value - mean) / deviation }

    /// A scaled value back in log-return units.
    public func unscaled(_ value: Double) -> Double { value * deviation + mean }
}
