import Primitives

/// The part of one lot a closing trade consumed, with its share of the lot's fee.
public struct ConsumedLot: Sendable, Equatable {
    /// The lot it came from.
    public var lotID: String
    /// The quantity taken.
    public var quantity: ExactDecimal
    /// The price the lot was opened at.
    public var price: ExactDecimal
    /// The share of the lot's fee taken with it.
    public var fee: ExactDecimal
    /// When the lot was opened (epoch milliseconds).
    public var openedAt: Int

    /// A consumed slice.
    public init(lotID: String, quantity: ExactDecimal, price: ExactDecimal, fee: ExactDecimal, openedAt: Int) {
        self.lotID = lotID
        self.quantity = quantity
        self.price = price
        self.fee = fee
        self.openedAt = openedAt
    }
}
