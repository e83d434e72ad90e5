/// Where one symbol's live trades come from. The engine asks for the trade of each tick slot
/// (slot `n` trades at `n × tickMilliseconds` on the clock) in order, passing the current
/// price; a feed draws everything else from its seed and the slot, so the same seed gives the
/// same trades.
public protocol MarketDataFeed: Sendable {
    /// The trade of `slot` at `time`, moving on from `price` (ticks).
    mutating func trade(slot: Int, time: Int, from price: Int64) -> Tick
}

extension SeededRandom {
    /// The generator of one draw of a feed: `seed` mixed with `index`, so any slot or candle
    /// can be drawn again without replaying those before it.
    static func feed(seed: UInt64, index: Int) -> SeededRandom {
        SeededRandom(seed: seed ^ (UInt64(bitPattern: Int64(index)) &* 0x9E37_79B9_7F4A_7C15))
    }
}
