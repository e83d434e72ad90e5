import Primitives

/// One FIFO lot of a position: a quantity bought (or sold short) at one price, with the
/// fee paid for it.
public struct LotRecord: Sendable, Equatable {
    /// The lot's id.
    public var id: String
    /// The position it belongs to.
    public var positionID: String
    /// The quantity still open in it.
    public var quantity: ExactDecimal
    /// The price it was opened at.
    public var price: ExactDecimal
    /// The fee still attributed to its open quantity.
    public var fee: ExactDecimal
    /// Epoch milliseconds; FIFO consumes the oldest first.
    public var openedAt: Int
    /// Among lots opened at the same time, FIFO takes the lower first (`lot_order`).
    public var order: Int64

    /// A lot record.
    public init(id: String, positionID: String, quantity: ExactDecimal, price: ExactDecimal, fee: ExactDecimal = .zero,
                openedAt: Int, order: Int64 = 0) {
        self.id = id
        self.positionID = positionID
        self.quantity = quantity
        self.price = price
        self.fee = fee
        self.openedAt = openedAt
        self.order = order
    }

    init(row: SQLRow) throws(StorageError) {
        self.init(
            id: try row.string("id"), positionID: try row.string("position_id"), quantity: try row.decimal("quantity"),
            price: try row.decimal("price"), fee: try row.decimal("fee"), openedAt: try row.int("opened_at"),
            order: Int64(try row.int("lot_order")))
    }
}
