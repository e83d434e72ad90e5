/// One price level of a book side: a price in ticks and the quantity resting there in lots.
public struct BookLevel: Sendable, Equatable {
    public var price: Int64
    public var quantity: Int64

    public init(price: Int64, quantity: Int64) {
        self.price = price
        self.quantity = quantity
    }
}
