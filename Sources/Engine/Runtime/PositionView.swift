import Backends
import Primitives

/// A position as the API shows it: stored fields plus what the current price makes of it.
public struct PositionView: Sendable, Equatable {
    public var record: PositionRecord
    public var currentPrice: ExactDecimal
    public var unrealizedPnl: ExactDecimal
    public var notionalValue: ExactDecimal
    /// Unrealized PnL over the open cost, in percent (two decimals).
    public var returnPct: ExactDecimal
}
