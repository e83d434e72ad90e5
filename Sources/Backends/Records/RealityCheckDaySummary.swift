import Primitives

/// The verified picks of one snapshot day (`RealityCheckDay`).
public struct RealityCheckDaySummary: Sendable, Equatable {
    /// The snapshot day, `YYYY-MM-DD`.
    public var date: String
    /// Verified picks of the day.
    public var totalPicks: Int
    /// Picks with a positive next-day return.
    public var winCount: Int
    /// Mean next-day return in percent.
    public var avgReturnPct: Double
    /// The mean next-day return of the picks' markets that day (nil when unknown).
    public var avgMarketReturnPct: Double?
    /// The pick with the highest return (ties: the better rank, then the ticker).
    public var bestTicker: String?
    /// Its return in percent.
    public var bestReturnPct: Double?

    /// Percent of picks that won, 0 when there are none.
    public var winRate: Double { RealityCheckRepository.rate(winCount, of: totalPicks) }
}
