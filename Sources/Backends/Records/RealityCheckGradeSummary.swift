import Primitives

/// The verified picks of one grade over a period (`RealityCheckGradeStats`).
public struct RealityCheckGradeSummary: Sendable, Equatable {
    /// `BUY`, `WATCH` or `HOLD`.
    public var grade: String
    /// Verified picks of the grade.
    public var totalPicks: Int
    /// Picks with a positive next-day return.
    public var winCount: Int
    /// Mean next-day return in percent.
    public var avgReturnPct: Double

    /// Percent of picks that won, 0 when there are none.
    public var winRate: Double { RealityCheckRepository.rate(winCount, of: totalPicks) }
}
