import Backends

/// API.md's 7Factor score of one symbol: seven factors, each 0–100 and 50 when its inputs are
/// missing, and total_score = .20·momentum + .15·value + .20·quality + .10·volatility +
/// .10·liquidity + .15·growth + .10·sentiment. A factor of several parts is the mean of the
/// parts whose inputs exist. Inputs come from `ScoreInputs` (candles) and a
/// `FundamentalRecord` (nil fields, or no record, are missing).
public struct SevenFactor: Sendable, Equatable {
    /// RSI and 5- and 20-day returns, 0–100.
    public var momentum: Double
    /// Cheapness by PER, PBR and PSR, 0–100.
    public var value: Double
    /// ROE, ROA and margins, 0–100.
    public var quality: Double
    /// Calmness by ATR%, 0–100.
    public var volatility: Double
    /// Volume percentile and traded amount, 0–100.
    public var liquidity: Double
    /// Revenue and earnings growth, 0–100.
    public var growth: Double
    /// Contrarian reading of the 52-week position, 0–100.
    public var sentiment: Double

    /// Factors set directly.
    public init(momentum: Double, value: Double, quality: Double, volatility: Double, liquidity: Double, growth: Double,
                sentiment: Double) {
        self.momentum = momentum
        self.value = value
        self.quality = quality
        self.volatility = volatility
        self.liquidity = liquidity
        self.growth = growth
        self.sentiment = sentiment
    }

    /// The seven factors of a symbol with `inputs` from its candles and `fundamentals`.
    public init(inputs: ScoreInputs, fundamentals: FundamentalRecord?) {
        self.init(momentum: Self.momentum(inputs), value: Self.value(fundamentals), quality: Self.quality(fundamentals),
                  volatility: Self.volatility(inputs), liquidity: Self.liquidity(inputs), growth: Self.growth(fundamentals),
                  sentiment: Self.sentiment(inputs))
    }

    /// total_score = .20·mom + .15·val + .20·qual + .10·vol + .10·liq + .15·growth + .10·sent.
    public var total: Double {
        0.20 * momentum + 0.15 * value + 0.20 * quality + 0.10 * volatility + 0.10 * liquidity + 0.15 * growth
            + 0.10 * sentiment
    }

    /// The fallback of a factor whose inputs are all missing.
    public static let missing = 50.0

    /// momentum: the mean of 50 and the available parts {RSI part: rsi < 30 → 70 + (30 − rsi)·0.67,
    /// rsi > 70 → 60 − (rsi − 70)·0.33, else rsi; norm(ret5d, −10, 10 → 0, 100);
    /// norm(ret20d, −20, 20 → 0, 100)}.
    public static func momentum(_ inputs: ScoreInputs) -> Double {
        var parts = [missing]
        if let rsi = finite(inputs.rsi) {
            parts.append(rsi < 30 ? 70 + (30 - rsi) * 0.67 : rsi > 70 ? 60 - (rsi - 70) * 0.33 : rsi)
        }
        if let ret5d = finite(inputs.return5d) { parts.append(Normalization.norm(ret5d, -10, 10, to: 0, 100)) }
        if let ret20d = finite(inputs.return20d) { parts.append(Normalization.norm(ret20d, -20, 20, to: 0, 100)) }
        return Normalization.mean(parts) ?? missing
    }

    /// value: the mean of norm(PER, 5, 30 → 100, 0), norm(PBR, 0.5, 3 → 100, 0),
    /// norm(PSR, 0.5, 10 → 100, 0) over the ratios there are; 50 without any.
    public static func value(_ fundamentals: FundamentalRecord?) -> Double {
        let parts = [
            finite(fundamentals?.per).map { Normalization.norm($0, 5, 30, to: 100, 0) },
            finite(fundamentals?.pbr).map { Normalization.norm($0, 0.5, 3, to: 100, 0) },
            finite(fundamentals?.psr).map { Normalization.norm($0, 0.5, 10, to: 100, 0) },
        ]
        return Normalization.mean(parts.compactMap { $0 }) ?? missing
    }

    /// quality: the mean of norm(ROE, 0, 25), norm(ROA, 0, 15), norm(op_margin, 0, 25),
    /// norm(net_margin, 0, 20), each → 0..100; 50 without any.
    public static func quality(_ fundamentals: FundamentalRecord?) -> Double {
        let parts = [
            finite(fundamentals?.roe).map { Normalization.norm($0, 0, 25, to: 0, 100) },
            finite(fundamentals?.roa).map { Normalization.norm($0, 0, 15, to: 0, 100) },
            finite(fundamentals?.operatingMargin).map { Normalization.norm($0, 0, 25, to: 0, 100) },
            finite(fundamentals?.netMargin).map { Normalization.norm($0, 0, 20, to: 0, 100) },
        ]
        return Normalization.mean(parts.compactMap { $0 }) ?? missing
    }

    /// volatility: norm(ATR%, 1, 5 → 100, 0); 50 without ATR%.
    public static func volatility(_ inputs: ScoreInputs) -> Double {
        finite(inputs.atrPercent).map { Normalization.norm($0, 1, 5, to: 100, 0) } ?? missing
    }

    /// liquidity: the mean of volume percentile (0–100) and norm(avg_amount/1e8, 1, 50 → 30, 100)
    /// over the parts there are; 50 without either.
    public static func liquidity(_ inputs: ScoreInputs) -> Double {
        let parts = [
            finite(inputs.volumePercentile).map { $0 * 100 },
            finite(inputs.averageAmount).map { Normalization.norm($0 / 1e8, 1, 50, to: 30, 100) },
        ]
        return Normalization.mean(parts.compactMap { $0 }) ?? missing
    }

    /// growth: the mean of norm(rev_yoy, −10, 30 → 0, 100) and norm(earn_yoy, −20, 50 → 0, 100)
    /// over the parts there are; 50 without either.
    public static func growth(_ fundamentals: FundamentalRecord?) -> Double {
        let parts = [
            finite(fundamentals?.revenueGrowth).map { Normalization.norm($0, -10, 30, to: 0, 100) },
            finite(fundamentals?.earningsGrowth).map { Normalization.norm($0, -20, 50, to: 0, 100) },
        ]
        return Normalization.mean(parts.compactMap { $0 }) ?? missing
    }

    /// sentiment: with pos the 52-week position 0–100, pos < 20 → 70 + (20 − pos)·1.5,
    /// pos > 80 → 60 − (pos − 80)·1.5, else pos; 50 without it (pos clamped to 0–100 first).
    public static func sentiment(_ inputs: ScoreInputs) -> Double {
        guard let stored = finite(inputs.position52) else { return missing }
        let position = min(100, max(0, stored))
        return position < 20 ? 70 + (20 - position) * 1.5 : position > 80 ? 60 - (position - 80) * 1.5 : position
    }

    private static func finite(_ value: Double?) -> Double? { ScoreInputs.finite(value) }
}
