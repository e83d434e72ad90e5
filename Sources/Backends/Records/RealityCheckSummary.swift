import Primitives

/// The verified picks of a period (`RealityCheckStats`).
public struct RealityCheckSummary: Sendable, Equatable {
    /// Verified picks.
    public var totalPicks: Int
    /// Picks with a positive next-day return.
    public var winCount: Int
    /// Mean next-day return in percent, 0 when there are no picks.
    public var avgReturnPct: Double
    /// The mean next-day return of the picks' markets on their days (nil when unknown).
    public var avgMarketReturnPct: Double?
    /// The highest return in percent; nil when there are no picks.
    public var bestReturnPct: Double?
    /// The lowest return in percent; nil when there are no picks.
    public var worstReturnPct: Double?
    /// The same per grade: `BUY`, `WATCH`, `HOLD`, then any other grade by name.
    public var byGrade: [RealityCheckGradeSummary]
    /// The same by route state at the time of the pick (`grade` holds the route state).
    public var byRouteState: [RealityCheckGradeSummary]
    /// The latest snapshot day with a verified pick; nil when none.
    public var lastCheckedDate: String?

    /// Percent of picks that won, 0 when there are none.
    public var winRate: Double { RealityCheckRepository.rate(winCount, of: totalPicks) }
}
