/// The candles a `ReplayFeed` plays: a symbol's history at its replay interval, oldest first.
public struct ReplaySource: Sendable, Equatable {
    public var interval: CandleInterval
    public var bars: [Bar]

    public init(interval: CandleInterval, bars: [Bar]) {
        self.interval = interval
        self.bars = bars
    }
}
