import Backends

extension Bar {
    /// The stored form of this candle: integer ticks and lots as exact decimals of the
    /// symbol's scales.
    public func record(prices: UnitScale, quantities: UnitScale) -> CandleRecord {
        CandleRecord(timestamp: start, open: prices.decimal(open), high: prices.decimal(high), low: prices.decimal(low),
                     close: prices.decimal(close), volume: quantities.decimal(volume))
    }

    /// The candle of a stored `record` in the symbol's units (rounded half to even to its
    /// scales); nil when a value does not fit 64 bits.
    public init?(_ record: CandleRecord, prices: UnitScale, quantities: UnitScale) {
        guard let bar = UnitScale.bar(start: record.timestamp, open: record.open, high: record.high, low: record.low,
                                      close: record.close, volume: record.volume, prices: prices, quantities: quantities) else {
            return nil
        }
        self = bar
    }
}
