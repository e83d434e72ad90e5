/// Simple exponential smoothing: the forecast is the level `ℓₜ = α·xₜ + (1 − α)·ℓₜ₋₁`,
/// started at the first value, with `α` the one of a grid that gives the smallest squared
/// one-step error on the series it is fitted to.
public struct ExponentialSmoothing: Sendable, Equatable {
    /// The smoothing weight of the newest value, in (0, 1).
    public let alpha: Double

    /// The candidate weights.
    static let grid: [Double] = stride(from: 0.05, through: 0.95, by: 0.05).map { $0 }

    public init(alpha: Double) {
        self.alpha = alpha
    }

    /// The smoothing of the grid's best weight for `series` (at least two values).
    public init(fitting series: ArraySlice<Double>) {
        var best = (alpha: Self.grid[0], error: Double.infinity)
        for alpha in Self.grid {
            let smoothing = ExponentialSmoothing(alpha: alpha)
            var level = series.first ?? 0
            var error = 0.0
            for value in series.dropFirst() {
                error += (value - level) * (value - level)
                level = smoothing.next(level: level, value: value)
            }
            if error < best.error { best = (alpha, error) }
        }
        self.init(alpha: best.alpha)
    }

    /// The level after `value`.
    public func next(level: Double, value: Double) -> Double {
        alpha * value + (1 - alpha) * level
    }
}
