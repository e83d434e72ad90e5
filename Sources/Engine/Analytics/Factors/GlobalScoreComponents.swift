extension GlobalScore {
    /// API.md's seven GlobalScore components, each 0..100, from a symbol's `ScoreInputs`. A
    /// component whose inputs are missing is 0 (API.md: risk/reward "0 without T or S").
    public struct Components: Sendable, Equatable {
        /// Reward to the target over risk to the stop (weight .25).
        public var riskReward: Double
        /// Room to the target in percent of the price (weight .18).
        public var targetRoom: Double
        /// How well the stop's distance fits 4–6% (weight .12).
        public var stopRoom: Double
        /// Closeness of the price to the entry (weight .12).
        public var entryProximity: Double
        /// RSI band, MACD slope and confirming signals (weight .10).
        public var momentum: Double
        /// Volume percentile (weight .13).
        public var liquidity: Double
        /// Bollinger z and distance from MA20 both moderate (weight .10).
        public var technicalBalance: Double

        /// Components set directly.
        public init(riskReward: Double, targetRoom: Double, stopRoom: Double, entryProximity: Double, momentum: Double,
                    liquidity: Double, technicalBalance: Double) {
            self.riskReward = riskReward
            self.targetRoom = targetRoom
            self.stopRoom = stopRoom
            self.entryProximity = entryProximity
            self.momentum = momentum
            self.liquidity = liquidity
            self.technicalBalance = technicalBalance
        }

        /// The components of `inputs`.
        public init(_ inputs: ScoreInputs) {
            self.init(riskReward: Self.riskReward(inputs), targetRoom: Self.targetRoom(inputs), stopRoom: Self.stopRoom(inputs),
                      entryProximity: Self.entryProximity(inputs), momentum: Self.momentum(inputs),
                      liquidity: Self.liquidity(inputs), technicalBalance: Self.technicalBalance(inputs))
        }

        /// .25·risk/reward + .18·target room + .12·stop room + .12·entry proximity + .10·momentum
        /// + .13·liquidity + .10·technical balance.
        public var weightedSum: Double {
            0.25 * riskReward + 0.18 * targetRoom + 0.12 * stopRoom + 0.12 * entryProximity + 0.10 * momentum
                + 0.13 * liquidity + 0.10 * technicalBalance
        }

        /// RR = min(100, ((T − P)/(P − S))/3·100); 0 without T or S or when P ≤ S (and, T
        /// being at least P for real candles, not below 0 when T < P).
        public static func riskReward(_ inputs: ScoreInputs) -> Double {
            guard let price = finite(inputs.price), let stop = finite(inputs.stop), let target = finite(inputs.target),
                  price > stop else { return 0 }
            return clamp(((target - price) / (price - stop)) / 3 * 100)
        }

        /// target room = min(100, ((T − P)/P·100)/20·100); 0 when P ≥ T or without T.
        public static func targetRoom(_ inputs: ScoreInputs) -> Double {
            guard let price = finite(inputs.price), let target = finite(inputs.target), price > 0, price < target else { return 0 }
            return clamp(((target - price) / price * 100) / 20 * 100)
        }

        /// stop room with r = (P − S)/P·100: 100 for 4 ≤ r ≤ 6, (r − 2)/2·60 + 40 below,
        /// 100 − (r − 6)/4·50 above, clamped 0..100; 0 without S.
        public static func stopRoom(_ inputs: ScoreInputs) -> Double {
            guard let price = finite(inputs.price), let stop = finite(inputs.stop), price > 0 else { return 0 }
            let r = (price - stop) / price * 100
            if r < 4 { return clamp((r - 2) / 2 * 60 + 40) }
            if r > 6 { return clamp(100 - (r - 6) / 4 * 50) }
            return 100
        }

        /// entry proximity = (1 − |P − E|/E·100/5)·100, clamped 0..100; 0 without E.
        public static func entryProximity(_ inputs: ScoreInputs) -> Double {
            guard let distance = distanceFromEntry(inputs) else { return 0 }
            return clamp((1 - distance / 5) * 100)
        }

        /// momentum = RSI part (40 for RSI in [45, 65], max(0, (RSI − 30)/15·40) below,
        /// max(0, (80 − RSI)/15·40) above; 0 without RSI) + 30 if macd_slope > 0 + 30·(how many
        /// of ebs ≥ 4, macd_slope > 0, RSI in [45, 65] hold)/3, capped at 100; ebs counts RSI in
        /// [45, 65], macd_slope > 0, low_trend > 0, vol_quality > 0, range_pos ≥ 0.5.
        public static func momentum(_ inputs: ScoreInputs) -> Double {
            let rsi = finite(inputs.rsi)
            let inBand = rsi.map { (45...65).contains($0) } ?? false
            let rising = (finite(inputs.macdSlope) ?? 0) > 0
            var rsiPart = 0.0
            if let rsi {
                rsiPart = inBand ? 40 : rsi < 45 ? max(0, (rsi - 30) / 15 * 40) : max(0, (80 - rsi) / 15 * 40)
            }
            let signals = [inBand, rising, (finite(inputs.lowTrend) ?? 0) > 0, (finite(inputs.volumeQuality) ?? 0) > 0,
                           (finite(inputs.rangePosition) ?? 0) >= 0.5]
            let ebs = signals.filter { $0 }.count
            let confirmations = [ebs >= 4, rising, inBand].filter { $0 }.count
            return min(100, rsiPart + (rising ? 30 : 0) + 30 * Double(confirmations) / 3)
        }

        /// liquidity = volume_percentile·100; 0 without it.
        public static func liquidity(_ inputs: ScoreInputs) -> Double {
            clamp((finite(inputs.volumePercentile) ?? 0) * 100)
        }

        /// technical balance = (|z| ≤ 1 → 50, |z| ≤ 3 → 50·(3 − |z|)/2, else 0) + (d =
        /// |dist_ma20|: d ≤ 5 → 50, d ≤ 10 → 50·(10 − d)/5, else 0); a missing half adds 0.
        public static func technicalBalance(_ inputs: ScoreInputs) -> Double {
            var balance = 0.0
            if let z = finite(inputs.bollingerZ).map(abs) {
                balance += z <= 1 ? 50 : z <= 3 ? 50 * (3 - z) / 2 : 0
            }
            if let d = finite(inputs.distanceFromMA20).map(abs) {
                balance += d <= 5 ? 50 : d <= 10 ? 50 * (10 - d) / 5 : 0
            }
            return balance
        }

        /// |P − E|/E·100, the price's distance from the entry in percent; nil without P or a
        /// positive E.
        static func distanceFromEntry(_ inputs: ScoreInputs) -> Double? {
            guard let price = finite(inputs.price), let entry = finite(inputs.entry), entry > 0 else { return nil }
            return finite(abs(price - entry) / entry * 100)
        }

        private static func clamp(_ value: Double) -> Double { value.isFinite ? min(100, max(0, value)) : 0 }

        private static func finite(_ value: Double?) -> Double? { ScoreInputs.finite(value) }
    }
}
