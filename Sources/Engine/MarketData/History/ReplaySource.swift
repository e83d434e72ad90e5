/// The real candles the live feed replays for a symbol (time-compressed, with ticks
/// synthesised inside each), one every `interval`, oldest first.
public struct ReplaySource: Sendable, Equatable {
    public var interval: CandleInterval
    public var bars: [Bar]

    public init(interval: CandleInterval, bars: [Bar]) {
        self.interval = interval
        self.bars = bars
    }
}
