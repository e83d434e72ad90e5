/// Where a symbol's history comes from: real candles of a sample file, or a seeded synthetic
/// series (marked synthetic wherever it is shown).
public enum DataSource: Sendable, Equatable {
    /// Real candles of `file` (in the sample-data folder), one every `interval`.
    case sample(file: String, interval: CandleInterval)
    /// Seeded geometric Brownian candles: start price in ticks, yearly volatility.
    case synthetic(seed: UInt64, startPrice: Int64, sigma: Double)
    /// Real candles imported into the database (`trading-server import-candles`) at
    /// `interval`; the live feed replays those older than `liveStart` (epoch ms), when the
    /// market first ran the symbol.
    case imported(interval: CandleInterval, liveStart: Int)

    /// True for symbols that joined through an import.
    public var isImported: Bool {
        if case .imported = self { return true }
        return false
    }

    /// True for series the server made up.
    public var isSynthetic: Bool {
        if case .synthetic = self { return true }
        return false
    }
}
