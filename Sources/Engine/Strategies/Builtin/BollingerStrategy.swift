import Primitives

/// Bollinger band mean reversion on one symbol: buys a close below the lower band and sells
/// when the price has come back to the middle (or the upper) band.
///
/// On every closed candle it updates the bands over the last `period` closes, this one
/// included: middle = their simple average, σ = their population standard deviation,
/// lower = middle − k·σ, upper = middle + k·σ. Then:
/// - flat (no position and no open order) and close < lower: a market buy of `order_pct`% of
///   the quote asset's total balance (Entry, "close 101.20 below lower band 101.55");
/// - long and close ≥ the band `exit_at` names (middle by default, or upper): a market sell
///   of the whole position (Exit, "close 105.00 at or above middle band 104.80").
///
/// Nothing happens until `period` closes arrived. A change of `period` or `k` recomputes the
/// bands over the closes kept (the last 200).
public struct BollingerStrategy: Strategy {
    public static let descriptor = StrategyDescriptor(
        type: "bollinger", name: "Bollinger Bands",
        description: "Buys a close below the lower Bollinger band and sells the position when the close reaches the middle (or upper) band.",
        schema: ConfigSchema([
            .integer("period", 20, min: 2, max: 200, "Closes the bands are computed over."),
            .number("k", 2, min: 0.5, max: 5, "Band width in population standard deviations from the middle."),
            .choice("exit_at", "middle", ["middle", "upper"], "The band at or above which a long position is sold."),
            .orderPercent(10),
        ]))

    private struct Settings: Equatable {
        let period: Int
        let k: Double
        let exitAtUpper: Bool
        let orderPercent: Double

        init(_ config: StrategyConfig) {
            period = config.integer("period")
            k = config.number("k")
            exitAtUpper = config.choice("exit_at") == "upper"
            orderPercent = config.number("order_pct")
        }
    }

    private var settings: Settings
    /// The closes the bands are recomputed from when their period or width changes.
    private var closes = RollingWindow(capacity: 200)
    private var bands: BollingerBands
    private var lastSignal = LastSignal()

    /// A Bollinger strategy on one symbol.
    public init(config: StrategyConfig, symbols: [SymbolSpec]) throws(StrategyError) {
        try Self.descriptor.checkSymbols(symbols)
        settings = Settings(config)
        bands = BollingerBands(period: settings.period, k: settings.k)
    }

    /// New settings from the next candle; a new period or width recomputes the bands over the kept closes.
    public mutating func reconfigure(_ config: StrategyConfig) throws(StrategyError) {
        let new = Settings(config)
        if new.period != settings.period || new.k != settings.k {
            bands = BollingerBands(period: new.period, k: new.k)
            for close in closes.values { bands.add(close) }
        }
        settings = new
    }

    /// Updates the bands with the close and buys or sells by the rule above.
    public mutating func candleClosed(_ bar: Bar, symbol: Int, context: StrategyContext) throws(StrategyError) -> [StrategyIntent] {
        guard let close = try context.close(of: bar, symbol: symbol) else { return [] }
        let spec = context.holdings[0].spec
        closes.append(close)
        guard let band = bands.add(close), !context.isWarmUp else { return [] }
        let (exitName, exitLevel) = settings.exitAtUpper ? ("upper", band.upper) : ("middle", band.middle)
        let closeText = ReasonText.price(ticks: bar.close, spec)
        return lastSignal.emit(context.longOnlySignal(
            0, percent: settings.orderPercent,
            entry: close < band.lower ? "close \(closeText) below lower band \(ReasonText.price(band.lower, spec))" : nil,
            exit: close >= exitLevel ? "close \(closeText) at or above \(exitName) band \(ReasonText.price(exitLevel, spec))" : nil))
    }

    /// `{"last_signal": …}`: the indicators are warmed up again from stored candles.
    public var state: JSONValue { lastSignal.state }

    /// Takes back the last signal of a saved state.
    public mutating func restore(state: JSONValue) throws(StrategyError) {
        try lastSignal.restore(state, type: Self.descriptor.type)
    }
}
