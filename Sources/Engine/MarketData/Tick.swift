/// One trade of the feed: when, at what price (ticks) and how much (lots).
public struct Tick: Sendable, Equatable {
    /// Epoch ms.
    public var time: Int
    public var price: Int64
    public var quantity: Int64

    public init(time: Int, price: Int64, quantity: Int64) {
        self.time = time
        self.price = price
        self.quantity = quantity
    }
}
