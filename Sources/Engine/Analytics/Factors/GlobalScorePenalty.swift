extension GlobalScore {
    /// API.md's GlobalScore penalties, each deducted from the weighted sum when its condition
    /// holds (a condition on a missing input does not hold). Raw values name them in storage.
    public enum Penalty: String, Sendable, CaseIterable {
        /// −6 when ret5d > 10%.
        case return5dAbove10 = "ret5d_gt_10"
        /// −6 when ret10d > 20%.
        case return10dAbove20 = "ret10d_gt_20"
        /// −4 when RSI is outside 45–65.
        case rsiOutsideBand = "rsi_outside_45_65"
        /// −4 when the MACD slope is < 0.
        case macdFalling = "macd_slope_negative"
        /// −4 when the price is more than 5% from the entry: |P − E|/E·100 > 5.
        case farFromEntry = "price_gt_5pct_from_entry"
        /// −4 when the volume percentile is < 0.2.
        case thinVolume = "volume_percentile_lt_0_2"
        /// −2 when |Bollinger z| > 3.
        case bollingerExtreme = "bollinger_z_gt_3"

        /// The points this penalty deducts.
        public var points: Double {
            switch self {
            case .return5dAbove10, .return10dAbove20: return 6
            case .rsiOutsideBand, .macdFalling, .farFromEntry, .thinVolume: return 4
            case .bollingerExtreme: return 2
            }
        }

        /// Whether the penalty's condition holds for `inputs`.
        public func applies(to inputs: ScoreInputs) -> Bool {
            switch self {
            case .return5dAbove10: return (ScoreInputs.finite(inputs.return5d) ?? 0) > 10
            case .return10dAbove20: return (ScoreInputs.finite(inputs.return10d) ?? 0) > 20
            case .rsiOutsideBand: return ScoreInputs.finite(inputs.rsi).map { !(45...65).contains($0) } ?? false
            case .macdFalling: return (ScoreInputs.finite(inputs.macdSlope) ?? 0) < 0
            case .farFromEntry: return Components.distanceFromEntry(inputs).map { $0 > 5 } ?? false
            case .thinVolume: return ScoreInputs.finite(inputs.volumePercentile).map { $0 < 0.2 } ?? false
            case .bollingerExtreme: return (ScoreInputs.finite(inputs.bollingerZ).map(abs) ?? 0) > 3
            }
        }
    }
}
