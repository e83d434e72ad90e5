import Backends
import Primitives

/// A holding of the trade journal as the API shows it: one venue's FIFO ledger of a symbol,
/// valued at the market's last price when there is one.
public struct JournalPositionView: Sendable {
    /// The venue and the symbol (orders' form).
    public var key: ExecutionLedgerKey
    /// The symbol's name in the market; nil when the market does not have it.
    public var name: String?
    /// The replayed ledger (open lots, costs, realized PnL).
    public var ledger: JournalLedger
    /// The market's last trade price, what the holding is worth at it and that less its total
    /// cost; nil when the market has no price for the symbol.
    public var currentPrice: ExactDecimal?
    public var marketValue: ExactDecimal?
    public var unrealizedPnl: ExactDecimal?
}
