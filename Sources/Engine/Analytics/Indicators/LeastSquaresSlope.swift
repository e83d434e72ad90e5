/// The slope of the least-squares line through a series at x = 0, 1, …, n−1 (API.md's
/// low_trend fits it through the last 20 lows): Σ(x − x̄)(y − ȳ) / Σ(x − x̄)².
public enum LeastSquaresSlope {
    /// The fitted slope per step of `values` (oldest first); nil for fewer than two values.
    public static func slope(_ values: ArraySlice<Double>) -> Double? {
        let n = values.count
        guard n >= 2 else { return nil }
        let meanX = Double(n - 1) / 2
        var meanY = 0.0
        for value in values { meanY += value }
        meanY /= Double(n)
        var covariance = 0.0, variance = 0.0
        for (offset, value) in values.enumerated() {
            let dx = Double(offset) - meanX
            covariance += dx * (value - meanY)
            variance += dx * dx
        }
        let slope = covariance / variance
        return slope.isFinite ? slope : nil
    }
}
