/// One OHLCV candle in a symbol's integer units: prices in ticks (`PriceScale`), volume in
/// lots. Integers keep the engine exact and fast; `ExactDecimal(units:scale:)` renders them.
public struct Bar: Sendable, Equatable {
    /// Opening time, epoch ms (UTC).
    public var start: Int
    public var open: Int64
    public var high: Int64
    public var low: Int64
    public var close: Int64
    public var volume: Int64

    public init(start: Int, open: Int64, high: Int64, low: Int64, close: Int64, volume: Int64) {
        self.start = start
        self.open = open
        self.high = high
        self.low = low
        self.close = close
        self.volume = volume
    }

    /// The one-trade candle of `tick`: opening at its time, all four prices its price.
    public init(_ tick: Tick) {
        self.init(start: tick.time, open: tick.price, high: tick.price, low: tick.price, close: tick.price, volume: tick.quantity)
    }

    /// True when the prices describe a candle: low ≤ open, close ≤ high, volume not negative.
    public var isConsistent: Bool {
        low <= high && (low...high).contains(open) && (low...high).contains(close) && volume >= 0
    }
}
