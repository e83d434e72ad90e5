extension GlobalScore {
    /// API.md's grade of a GlobalScore: ≥ 70 BUY, ≥ 50 WATCH, else HOLD.
    public enum Grade: String, Sendable, CaseIterable {
        /// Score ≥ 70.
        case buy = "BUY"
        /// 50 ≤ score < 70.
        case watch = "WATCH"
        /// Score < 50.
        case hold = "HOLD"

        /// The grade of `score`: BUY from 70, WATCH from 50, HOLD below.
        public init(score: Double) {
            self = score >= 70 ? .buy : score >= 50 ? .watch : .hold
        }
    }
}
