/// A symbol's demo history, as stored on a database's first start: its candles at every
/// timeframe from its base upward (never finer than the base), which of those series the
/// server made up, and what the live feed replays.
public struct SymbolHistory: Sendable, Equatable {
    public var spec: SymbolSpec
    /// Candles per timeframe, oldest first, without overlap; each starts on its
    /// timeframe's bucket, and a coarser series is the base series rolled up.
    public var series: [CandleInterval: [Bar]]
    /// The timeframes whose candles are synthetic (stored with source `synthetic`).
    public var synthetic: Set<CandleInterval>
    /// The candles the live feed replays; nil for a symbol whose feed is synthetic.
    public var replay: ReplaySource?

    public init(spec: SymbolSpec, series: [CandleInterval: [Bar]], synthetic: Set<CandleInterval>, replay: ReplaySource?) {
        self.spec = spec
        self.series = series
        self.synthetic = synthetic
        self.replay = replay
    }
}
