/// One execution of an order: lots at a price (ticks), the fee (quote units), and whether the
/// order made (resting) or took liquidity.
public struct Fill: Sendable, Equatable {
    let identifier: Identifier
    let order: Identifier
    public let symbol: SymbolKey
    public let side: OrderSide
    public let quantity: Int64
    public let price: Int64
    public let fee: Int128
    public let maker: Bool
    public let time: Int

    public var id: String { identifier.description }
    public var orderID: String { order.description }
}
