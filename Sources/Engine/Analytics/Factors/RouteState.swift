/// API.md's RouteState of a symbol: where its price action stands on the route to a
/// breakout. Needs ≥ 40 candles; the first matching rule wins, and an input that is missing
/// makes its rule not match.
public enum RouteState: String, Sendable, CaseIterable {
    /// ret5d > 20% or RSI ≥ 75: run too far, too fast.
    case overheat = "OVERHEAT"
    /// 45 ≤ RSI ≤ 65, range_pos ≥ 0.8, low_trend > 0 and vol_quality > 0.
    case attack = "ATTACK"
    /// vol_quality ≥ 0.2 or dist_ma20 > −2%.
    case armed = "ARMED"
    /// low_trend > 0 and dist_ma20 > −5%.
    case wait = "WAIT"
    /// None of the above.
    case neutral = "NEUTRAL"

    /// The fewest candles a route state is computed from.
    public static let minimumCandles = 40

    /// The route state of `inputs`; nil with fewer than 40 candles. Rules in order (percent
    /// inputs in percent units): OVERHEAT if ret5d > 20 or RSI ≥ 75; ATTACK if 45 ≤ RSI ≤ 65,
    /// range_pos ≥ 0.8, low_trend > 0 and vol_quality > 0; ARMED if vol_quality ≥ 0.2 or
    /// dist_ma20 > −2; WAIT if low_trend > 0 and dist_ma20 > −5; NEUTRAL otherwise.
    public init?(_ inputs: ScoreInputs) {
        guard inputs.candleCount >= Self.minimumCandles else { return nil }
        let rsi = ScoreInputs.finite(inputs.rsi), ret5d = ScoreInputs.finite(inputs.return5d)
        let rangePosition = ScoreInputs.finite(inputs.rangePosition), lowTrend = ScoreInputs.finite(inputs.lowTrend)
        let volumeQuality = ScoreInputs.finite(inputs.volumeQuality)
        let distance = ScoreInputs.finite(inputs.distanceFromMA20)
        if let ret5d, ret5d > 20 {
            self = .overheat
        } else if let rsi, rsi >= 75 {
            self = .overheat
        } else if let rsi, (45...65).contains(rsi), let rangePosition, rangePosition >= 0.8, let lowTrend, lowTrend > 0,
                  let volumeQuality, volumeQuality > 0 {
            self = .attack
        } else if let volumeQuality, volumeQuality >= 0.2 {
            self = .armed
        } else if let distance, distance > -2 {
            self = .armed
        } else if let lowTrend, lowTrend > 0, let distance, distance > -5 {
            self = .wait
        } else {
            self = .neutral
        }
    }
}
