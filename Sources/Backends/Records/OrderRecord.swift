import Primitives

/// An order as stored.
public struct OrderRecord: Sendable, Equatable {
    public var id: String
    public var exchangeOrderID: String?
    /// The caller's own id for the order (1–64 characters), unique among orders; nil when
    /// the caller gave none. A create that repeats it answers the order already stored.
    public var clientOrderID: String?
    public var symbol: String
    /// `Buy` or `Sell`.
    public var side: String
    /// `Market`, `Limit`, `StopLoss` or `TakeProfit`.
    public var orderType: String
    /// `GTC`, `IOC`, `FOK` or `GTD`.
    public var timeInForce: String
    /// Epoch milliseconds at which a `GTD` order expires; nil for the other times in force.
    public var expiresAt: Int?
    public var quantity: ExactDecimal
    public var filledQuantity: ExactDecimal
    public var price: ExactDecimal?
    public var averageFillPrice: ExactDecimal?
    /// The fees its fills paid so far, in the quote asset.
    public var fee: ExactDecimal
    /// `Pending`, `Open`, `PartiallyFilled`, `Filled`, `Cancelled`, `Rejected` or `Expired`.
    public var status: String
    public var strategyID: String?
    public var cancelReason: String?
    /// Why the exchange rejected (or expired) an accepted order; nil otherwise.
    public var rejectReason: String?
    public var createdAt: Int
    public var updatedAt: Int

    /// An order record; good till cancelled, with no fee paid yet, unless given.
    public init(id: String, exchangeOrderID: String? = nil, clientOrderID: String? = nil, symbol: String, side: String,
                orderType: String, timeInForce: String = "GTC", expiresAt: Int? = nil, quantity: ExactDecimal,
                filledQuantity: ExactDecimal = .zero, price: ExactDecimal? = nil, averageFillPrice: ExactDecimal? = nil,
                fee: ExactDecimal = .zero, status: String, strategyID: String? = nil, cancelReason: String? = nil,
                rejectReason: String? = nil, createdAt: Int, updatedAt: Int) {
        self.id = id
        self.exchangeOrderID = exchangeOrderID
        self.clientOrderID = clientOrderID
        self.symbol = symbol
        self.side = side
        self.orderType = orderType
        self.timeInForce = timeInForce
        self.expiresAt = expiresAt
        self.quantity = quantity
        self.filledQuantity = filledQuantity
        self.price = price
        self.averageFillPrice = averageFillPrice
        self.fee = fee
        self.status = status
        self.strategyID = strategyID
        self.cancelReason = cancelReason
        self.rejectReason = rejectReason
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    init(row: SQLRow) throws(StorageError) {
        self.init(
            id: try row.string("id"), exchangeOrderID: row.optionalString("exchange_order_id"),
            clientOrderID: row.optionalString("client_order_id"), symbol: try row.string("symbol"), side: try row.string("side"),
            orderType: try row.string("order_type"), timeInForce: try row.string("time_in_force"),
            expiresAt: try row.optionalInt("expires_at"), quantity: try row.decimal("quantity"),
            filledQuantity: try row.decimal("filled_quantity"), price: try row.optionalDecimal("price"),
            averageFillPrice: try row.optionalDecimal("average_fill_price"), fee: try row.decimal("fee"),
            status: try row.string("status"), strategyID: row.optionalString("strategy_id"),
            cancelReason: row.optionalString("cancel_reason"), rejectReason: row.optionalString("reject_reason"),
            createdAt: try row.int("created_at"), updatedAt: try row.int("updated_at"))
    }
}
