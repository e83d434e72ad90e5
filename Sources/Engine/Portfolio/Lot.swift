/// One FIFO lot of a position: a quantity opened at one price, with the fee paid for it
/// (quote units) still attributed to its open quantity. Shorts are lots of negative quantity.
public struct Lot: Sendable, Equatable {
    /// Its id: the id of the fill that opened it.
    public var identifier: Identifier
    /// Lots (negative: short).
    public var quantity: Int64
    /// Ticks.
    public var price: Int64
    /// Quote-asset units.
    public var fee: Int128
    public var openedAt: Int
    /// The order in which its position opened it (stored as `lot_order`): FIFO takes lots by
    /// opening time, then by this.
    public var sequence: Int64

    public init(id: String, quantity: Int64, price: Int64, fee: Int128, openedAt: Int, sequence: Int64 = 0) {
        self.init(identifier: Identifier(id), quantity: quantity, price: price, fee: fee, openedAt: openedAt, sequence: sequence)
    }

    init(identifier: Identifier, quantity: Int64, price: Int64, fee: Int128, openedAt: Int, sequence: Int64) {
        self.identifier = identifier
        self.quantity = quantity
        self.price = price
        self.fee = fee
        self.openedAt = openedAt
        self.sequence = sequence
    }

    public var id: String { identifier.description }
}
