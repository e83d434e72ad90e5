/// Buy or sell, as the spec spells them.
public enum OrderSide: String, Sendable, CaseIterable {
    case buy = "Buy", sell = "Sell"

    /// +1 for a buy, −1 for a sell: the sign of its quantity in a position.
    public var sign: Int64 { self == .buy ? 1 : -1 }
}
