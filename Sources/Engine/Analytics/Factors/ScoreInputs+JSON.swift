import Primitives

extension ScoreInputs {
    /// The name each input is stored under, with API.md's spelling where it names one.
    static let storedNames: [(name: String, value: WritableKeyPath<ScoreInputs, Double?> & Sendable)] = [
        ("price", \.price), ("rsi", \.rsi), ("ret5d", \.return5d), ("ret10d", \.return10d), ("ret20d", \.return20d),
        ("ma20", \.ma20), ("atr", \.atr), ("atr_pct", \.atrPercent), ("bollinger_z", \.bollingerZ),
        ("dist_ma20", \.distanceFromMA20), ("macd", \.macd), ("macd_slope", \.macdSlope),
        ("volume_percentile", \.volumePercentile), ("avg_amount", \.averageAmount), ("high52", \.high52),
        ("low52", \.low52), ("position52", \.position52), ("range_pos", \.rangePosition), ("low_trend", \.lowTrend),
        ("vol_quality", \.volumeQuality), ("entry", \.entry), ("stop", \.stop), ("target", \.target),
    ]

    /// The inputs as one JSON object, stored with the score so it can be recomputed:
    /// `candle_count` and every input by its stored name, a number or null when missing.
    public var json: JSONValue {
        var members = [JSONMember("candle_count", .number(String(candleCount)))]
        for (name, value) in Self.storedNames {
            members.append(JSONMember(name, Self.finite(self[keyPath: value]).map { .number(String($0)) } ?? .null))
        }
        return .object(members)
    }

    /// Inputs read back from `json` as written by `json`; nil unless it is an object with an
    /// integer `candle_count`. An input that is absent, null or not a finite number is nil.
    public init?(json: JSONValue) {
        guard let count = json["candle_count"]?.integer else { return nil }
        self.init(candleCount: count)
        for (name, value) in Self.storedNames {
            guard case .number(let text)? = json[name] else { continue }
            self[keyPath: value] = Self.finite(Double(text))
        }
    }
}
