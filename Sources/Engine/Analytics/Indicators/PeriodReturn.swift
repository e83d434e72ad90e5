/// The n-day return in percent (API.md "Inputs of the scores": retNd = (close[n−1] /
/// close[n−1−N] − 1)·100, closes oldest first, n of them).
public enum PeriodReturn {
    /// (closes[n−1] / closes[n−1−days] − 1)·100; nil when there are not `days + 1` closes or
    /// the earlier close is not positive (the ratio would be undefined or infinite).
    public static func percent(_ closes: [Double], days: Int) -> Double? {
        guard days > 0, closes.count > days else { return nil }
        let earlier = closes[closes.count - 1 - days]
        guard earlier > 0 else { return nil }
        let value = (closes[closes.count - 1] / earlier - 1) * 100
        return value.isFinite ? value : nil
    }
}
