import Primitives

/// One symbol as the engine last published it: what REST reads answer from without waiting
/// for the engine or the database.
public struct SymbolSnapshot: Sendable {
    public var spec: SymbolSpec
    /// The last trade's price (ticks) and time (epoch ms).
    public var price: Int64
    public var time: Int
    /// The 24-hour change in hundredths of a percent, and volume (lots), high and low (ticks).
    public var changeHundredths: Int64
    public var volume24h: Int64
    public var high24h: Int64
    public var low24h: Int64
    /// The synthetic book around the price (every level the engine keeps).
    public var book: L2Book
    /// The newest candles of each interval, oldest first, the forming one last: the ones the
    /// database may not hold yet (persistence is write-behind).
    public var recent: [CandleInterval: [Bar]]
    /// Market events (trades) the engine processed for this symbol.
    public var events: Int
    /// True when the live feed replays the symbol's real candles; false for the seeded
    /// synthetic feed (a symbol without history, or whose history could not be read).
    public var replaysHistory: Bool

    /// The 24-hour change in percent with two decimals (`2.50`).
    public var change24h: ExactDecimal {
        ExactDecimal(units: Int128(changeHundredths), scale: 2)
    }
}
