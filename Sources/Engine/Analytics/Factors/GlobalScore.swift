/// API.md's GlobalScore of a symbol (needs ≥ 50 candles): the weighted sum of its seven
/// components (risk/reward .25, target room .18, stop room .12, entry proximity .12,
/// momentum .10, liquidity .13, technical balance .10) minus its penalties, floored at 0,
/// and the grade of that score (≥ 70 BUY, ≥ 50 WATCH, else HOLD).
public struct GlobalScore: Sendable, Equatable {
    /// The seven components, each 0..100.
    public var components: Components
    /// The penalties that applied, in API.md's order.
    public var penalties: [Penalty]
    /// max(0, weighted sum − Σ penalty points).
    public var score: Double
    /// The grade of `score`.
    public var grade: Grade

    /// The fewest candles a GlobalScore is computed from.
    public static let minimumCandles = 50

    /// The GlobalScore of `inputs`; nil with fewer than 50 candles.
    public init?(_ inputs: ScoreInputs) {
        guard inputs.candleCount >= Self.minimumCandles else { return nil }
        components = Components(inputs)
        penalties = Penalty.allCases.filter { $0.applies(to: inputs) }
        let deducted = penalties.reduce(0) { $0 + $1.points }
        score = max(0, components.weightedSum - deducted)
        grade = Grade(score: score)
    }
}
