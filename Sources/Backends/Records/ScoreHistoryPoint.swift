/// One past score of a symbol (`score_history`).
public struct ScoreHistoryPoint: Sendable, Equatable {
    /// GlobalScore, 0…100.
    public var score: Double
    /// `BUY`, `WATCH` or `HOLD`.
    public var grade: String
    /// When the score was computed (epoch ms).
    public var computedAt: Int

    /// A past score.
    public init(score: Double, grade: String, computedAt: Int) {
        self.score = score
        self.grade = grade
        self.computedAt = computedAt
    }
}
