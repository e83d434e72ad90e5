/// An order to place, in the symbol's integer units (the API layer converts and checks the
/// decimals against the symbol's tick and lot size).
public struct OrderRequest: Sendable, Equatable {
    public var symbol: SymbolKey
    public var side: OrderSide
    public var kind: OrderKind
    /// Lots (> 0).
    public var quantity: Int64
    /// Ticks: the limit price, or the trigger of a StopLoss / TakeProfit; nil for Market.
    public var price: Int64?
    public var timeInForce: TimeInForce
    public var clientOrderID: String?
    public var strategyID: String?

    public init(symbol: SymbolKey, side: OrderSide, kind: OrderKind, quantity: Int64, price: Int64? = nil,
                timeInForce: TimeInForce = .gtc, clientOrderID: String? = nil, strategyID: String? = nil) {
        self.symbol = symbol
        self.side = side
        self.kind = kind
        self.quantity = quantity
        self.price = price
        self.timeInForce = timeInForce
        self.clientOrderID = clientOrderID
        self.strategyID = strategyID
    }
}
