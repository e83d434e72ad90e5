import Primitives

/// RSI mean reversion on one symbol: buys a market that has fallen too far too fast and
/// sells once it has risen too far.
///
/// On every closed candle it updates Wilder's RSI of the closes over `period` changes: the
/// first average gain and loss are the simple averages of the first `period` changes, then
/// each average ← (average · (period − 1) + this change's gain or loss) / period, and
/// RSI = 100 − 100 / (1 + average gain / average loss). Then:
/// - flat (no position and no open order) and RSI < `oversold`: a market buy of `order_pct`%
///   of the quote asset's total balance (Entry, "RSI 27.41 below 30");
/// - long and RSI > `overbought`: a market sell of the whole position (Exit, "RSI 72.10 above 70").
///
/// Nothing happens until the RSI has `period + 1` closes. Strict comparisons: an RSI equal to
/// a threshold does not trade. A change of `period` recomputes the RSI over the last 500 closes.
public struct RSIStrategy: Strategy {
    public static let descriptor = StrategyDescriptor(
        type: "rsi", name: "RSI Mean Reversion",
        description: "Buys when Wilder's RSI falls below the oversold level and sells the position when it rises above the overbought level.",
        schema: ConfigSchema([
            .integer("period", 14, min: 2, max: 100, "Changes of the close the Wilder RSI averages over."),
            .number("oversold", 30, min: 1, max: 50, "When flat, buy once the RSI closes below this."),
            .number("overbought", 70, min: 50, max: 99, "When long, sell the whole position once the RSI closes above this."),
            .orderPercent(10),
        ]))

    private struct Settings: Equatable {
        let period: Int
        let oversold: Double
        let overbought: Double
        let orderPercent: Double

        init(_ config: StrategyConfig) throws(StrategyError) {
            period = config.integer("period")
            oversold = config.number("oversold")
            overbought = config.number("overbought")
            orderPercent = config.number("order_pct")
            guard oversold < overbought else {
                throw StrategyError("oversold (\(ReasonText.setting(oversold))) must be less than overbought (\(ReasonText.setting(overbought)))")
            }
        }
    }

    private var settings: Settings
    /// The closes the RSI is recomputed from when its period changes.
    private var closes = RollingWindow(capacity: 500)
    private var rsi: WilderRSI
    private var lastSignal = LastSignal()

    /// An RSI strategy on one symbol; throws unless oversold < overbought.
    public init(config: StrategyConfig, symbols: [SymbolSpec]) throws(StrategyError) {
        try Self.descriptor.checkSymbols(symbols)
        settings = try Settings(config)
        rsi = WilderRSI(period: settings.period)
    }

    /// New thresholds and size from the next candle; a new period recomputes the RSI over the kept closes.
    public mutating func reconfigure(_ config: StrategyConfig) throws(StrategyError) {
        let new = try Settings(config)
        if new.period != settings.period {
            rsi = WilderRSI(period: new.period)
            for close in closes.values { rsi.add(close) }
        }
        settings = new
    }

    /// Updates the RSI with the close and buys or sells by the rule above.
    public mutating func candleClosed(_ bar: Bar, symbol: Int, context: StrategyContext) throws(StrategyError) -> [StrategyIntent] {
        guard let close = try context.close(of: bar, symbol: symbol) else { return [] }
        closes.append(close)
        guard let value = rsi.add(close), !context.isWarmUp else { return [] }
        return lastSignal.emit(context.longOnlySignal(
            0, percent: settings.orderPercent,
            entry: value < settings.oversold ? "RSI \(ReasonText.number(value)) below \(ReasonText.setting(settings.oversold))" : nil,
            exit: value > settings.overbought ? "RSI \(ReasonText.number(value)) above \(ReasonText.setting(settings.overbought))" : nil))
    }

    /// `{"last_signal": …}`: the indicators are warmed up again from stored candles.
    public var state: JSONValue { lastSignal.state }

    /// Takes back the last signal of a saved state.
    public mutating func restore(state: JSONValue) throws(StrategyError) {
        try lastSignal.restore(state, type: Self.descriptor.type)
    }
}
