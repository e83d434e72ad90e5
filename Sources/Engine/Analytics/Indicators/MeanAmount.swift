/// The mean traded amount (API.md "Inputs of the scores": avg_amount = mean of close·volume
/// over 20 candles), in the quote currency when closes are prices and volumes base units.
public enum MeanAmount {
    /// Σ close·volume / period over the last `period` candles; nil when there are fewer
    /// (`closes` and `volumes` are the same candles, oldest first).
    public static func mean(closes: [Double], volumes: [Double], period: Int = 20) -> Double? {
        guard period > 0, closes.count >= period, volumes.count == closes.count else { return nil }
        var sum = 0.0
        for index in (closes.count - period)..<closes.count { sum += closes[index] * volumes[index] }
        let mean = sum / Double(period)
        return mean.isFinite ? mean : nil
    }
}
