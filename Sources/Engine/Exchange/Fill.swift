/// One execution of an order: lots at a price (ticks), the fee (quote units), whether the
/// order made (resting) or took liquidity, and whether it was a margin order (document B's
/// positions, `PositionKey.margin`) rather than a spot one: each venue is a ledger of its own
/// in the trade journal.
public struct Fill: Sendable, Equatable {
    let identifier: Identifier
    let order: Identifier
    public let symbol: SymbolKey
    public let side: OrderSide
    public let quantity: Int64
    public let price: Int64
    public let fee: Int128
    public let maker: Bool
    /// True when its order had a leverage (a margin order).
    public let margin: Bool
    public let time: Int

    public var id: String { identifier.description }
    public var orderID: String { order.description }
    /// The venue it executed on: `PositionKey.margin` for a margin order, `PositionKey.spot` otherwise.
    public var exchange: String { margin ? PositionKey.margin : PositionKey.spot }
}
