import Primitives

/// Moving-average crossover on one symbol: buys when the fast simple average of the closes
/// crosses above the slow one (golden cross) and sells when it crosses below (dead cross).
///
/// On every closed candle it updates SMA(fast) and SMA(slow), each the plain average of the
/// last `fast` / `slow` closes, this one included. With the previous candle's averages:
/// - golden cross (previous fast ≤ previous slow and now fast > slow) and flat (no position
///   and no open order): a market buy of `order_pct`% of the quote asset's total balance
///   (Entry, "fast SMA 101.20 crossed above slow SMA 100.90");
/// - dead cross (previous fast ≥ previous slow and now fast < slow) and long: a market sell
///   of the whole position (Exit, "fast SMA 99.80 crossed below slow SMA 100.10").
///
/// Nothing happens until both averages exist on two consecutive candles (`slow + 1` closes):
/// a cross is a change between two candles, not a state, so a strategy started while fast is
/// already above slow waits for the next golden cross. A change of `fast` or `slow`
/// recomputes both over the closes kept (the last 401).
public struct SMACrossoverStrategy: Strategy {
    public static let descriptor = StrategyDescriptor(
        type: "sma", name: "SMA Crossover",
        description: "Buys on a golden cross (the fast simple moving average crossing above the slow one) and sells the position on a dead cross.",
        schema: ConfigSchema([
            .integer("fast", 10, min: 2, max: 200, "Closes of the fast simple moving average (less than slow)."),
            .integer("slow", 30, min: 3, max: 400, "Closes of the slow simple moving average."),
            .orderPercent(10),
        ]))

    private struct Settings: Equatable {
        let fast: Int
        let slow: Int
        let orderPercent: Double

        init(_ config: StrategyConfig) throws(StrategyError) {
            fast = config.integer("fast")
            slow = config.integer("slow")
            orderPercent = config.number("order_pct")
            guard fast < slow else { throw StrategyError("fast (\(fast)) must be less than slow (\(slow))") }
        }
    }

    /// Both averages on one candle.
    private struct Averages {
        let fast: Double
        let slow: Double
    }

    private var settings: Settings
    /// The closes the averages are recomputed from when a period changes.
    private var closes = RollingWindow(capacity: 401)
    private var fast: SimpleMovingAverage
    private var slow: SimpleMovingAverage
    private var previous: Averages?
    private var current: Averages?
    private var lastSignal = LastSignal()

    /// A crossover strategy on one symbol; throws unless fast < slow.
    public init(config: StrategyConfig, symbols: [SymbolSpec]) throws(StrategyError) {
        try Self.descriptor.checkSymbols(symbols)
        settings = try Settings(config)
        fast = SimpleMovingAverage(period: settings.fast)
        slow = SimpleMovingAverage(period: settings.slow)
    }

    /// New settings from the next candle; new periods recompute both averages over the kept closes.
    public mutating func reconfigure(_ config: StrategyConfig) throws(StrategyError) {
        let new = try Settings(config)
        if new.fast != settings.fast || new.slow != settings.slow {
            fast = SimpleMovingAverage(period: new.fast)
            slow = SimpleMovingAverage(period: new.slow)
            previous = nil
            current = nil
            for close in closes.values { advance(close) }
        }
        settings = new
    }

    /// Updates both averages with the close and buys or sells on a cross.
    public mutating func candleClosed(_ bar: Bar, symbol: Int, context: StrategyContext) throws(StrategyError) -> [StrategyIntent] {
        guard let close = try context.close(of: bar, symbol: symbol) else { return [] }
        let spec = context.holdings[0].spec
        closes.append(close)
        advance(close)
        guard let previous, let current, !context.isWarmUp else { return [] }
        func crossed(_ direction: String) -> String {
            "fast SMA \(ReasonText.price(current.fast, spec)) crossed \(direction) slow SMA \(ReasonText.price(current.slow, spec))"
        }
        let golden = previous.fast <= previous.slow && current.fast > current.slow
        let dead = previous.fast >= previous.slow && current.fast < current.slow
        return lastSignal.emit(context.longOnlySignal(
            0, percent: settings.orderPercent,
            entry: golden ? crossed("above") : nil,
            exit: dead ? crossed("below") : nil))
    }

    private mutating func advance(_ close: Double) {
        previous = current
        let fastValue = fast.add(close), slowValue = slow.add(close)
        if let fastValue, let slowValue {
            current = Averages(fast: fastValue, slow: slowValue)
        } else {
            current = nil
        }
    }

    /// `{"last_signal": …}`: the indicators are warmed up again from stored candles.
    public var state: JSONValue { lastSignal.state }

    /// Takes back the last signal of a saved state.
    public mutating func restore(state: JSONValue) throws(StrategyError) {
        try lastSignal.restore(state, type: Self.descriptor.type)
    }
}
