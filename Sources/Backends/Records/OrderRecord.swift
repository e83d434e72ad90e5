import Primitives

/// An order as stored.
public struct OrderRecord: Sendable, Equatable {
    public var id: String
    public var exchangeOrderID: String?
    public var symbol: String
    /// `Buy` or `Sell`.
    public var side: String
    /// `Market`, `Limit`, `StopLoss` or `TakeProfit`.
    public var orderType: String
    public var quantity: ExactDecimal
    public var filledQuantity: ExactDecimal
    public var price: ExactDecimal?
    public var averageFillPrice: ExactDecimal?
    /// `Pending`, `Open`, `PartiallyFilled`, `Filled`, `Cancelled`, `Rejected` or `Expired`.
    public var status: String
    public var strategyID: String?
    public var cancelReason: String?
    public var createdAt: Int
    public var updatedAt: Int

    public init(id: String, exchangeOrderID: String? = nil, symbol: String, side: String, orderType: String,
                quantity: ExactDecimal, filledQuantity: ExactDecimal = .zero, price: ExactDecimal? = nil,
                averageFillPrice: ExactDecimal? = nil, status: String, strategyID: String? = nil, cancelReason: String? = nil,
                createdAt: Int, updatedAt: Int) {
        self.id = id
        self.exchangeOrderID = exchangeOrderID
        self.symbol = symbol
        self.side = side
        self.orderType = orderType
        self.quantity = quantity
        self.filledQuantity = filledQuantity
        self.price = price
        self.averageFillPrice = averageFillPrice
        self.status = status
        self.strategyID = strategyID
        self.cancelReason = cancelReason
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    init(row: SQLRow) throws(StorageError) {
        self.init(
            id: try row.string("id"), exchangeOrderID: row.optionalString("exchange_order_id"), symbol: try row.string("symbol"),
            side: try row.string("side"), orderType: try row.string("order_type"), quantity: try row.decimal("quantity"),
            filledQuantity: try row.decimal("filled_quantity"), price: try row.optionalDecimal("price"),
            averageFillPrice: try row.optionalDecimal("average_fill_price"), status: try row.string("status"),
            strategyID: row.optionalString("strategy_id"), cancelReason: row.optionalString("cancel_reason"),
            createdAt: try row.int("created_at"), updatedAt: try row.int("updated_at"))
    }
}
