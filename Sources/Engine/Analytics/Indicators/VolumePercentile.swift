/// Where today's volume ranks among recent ones (API.md "Inputs of the scores":
/// volume_percentile = share of the last 60 volumes that are ≤ today's, 0..1).
public enum VolumePercentile {
    /// The share of the last `lookback` volumes (today's, the last element, included) that are
    /// ≤ today's: count / window size, in (0, 1]. With fewer than `lookback` volumes the window
    /// is all of them. Nil for no volumes.
    public static func share(_ volumes: [Double], lookback: Int = 60) -> Double? {
        guard let today = volumes.last, lookback > 0 else { return nil }
        let window = volumes.suffix(lookback)
        var atMost = 0
        for volume in window where volume <= today { atMost += 1 }
        return Double(atMost) / Double(window.count)
    }
}
