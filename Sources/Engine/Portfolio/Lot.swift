/// One FIFO lot of a position: a quantity opened at one price, with the fee paid for it
/// (quote units) still attributed to its open quantity. Shorts are lots of negative quantity.
public struct Lot: Sendable, Equatable {
    public var id: String
    /// Lots (negative: short).
    public var quantity: Int64
    /// Ticks.
    public var price: Int64
    /// Quote-asset units.
    public var fee: Int128
    public var openedAt: Int

    public init(id: String, quantity: Int64, price: Int64, fee: Int128, openedAt: Int) {
        self.id = id
        self.quantity = quantity
        self.price = price
        self.fee = fee
        self.openedAt = openedAt
    }
}
