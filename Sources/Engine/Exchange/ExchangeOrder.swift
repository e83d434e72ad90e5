/// An order on the paper exchange, in the symbol's integer units.
public struct ExchangeOrder: Sendable, Equatable {
    public let id: String
    public let clientOrderID: String?
    public let symbol: SymbolKey
    public let side: OrderSide
    public let kind: OrderKind
    public let timeInForce: TimeInForce
    /// Lots.
    public let quantity: Int64
    /// Ticks: the limit price or the trigger.
    public let price: Int64?
    public let strategyID: String?
    public internal(set) var status: OrderStatus
    /// Lots filled, and Σ fill price × fill quantity (notional units) for the average price.
    public internal(set) var filled: Int64 = 0
    public internal(set) var filledNotional: Int128 = 0
    /// Fees paid (quote units).
    public internal(set) var fee: Int128 = 0
    /// Why it was cancelled, rejected or expired.
    public internal(set) var reason: String?
    public let createdAt: Int
    public internal(set) var updatedAt: Int
    /// Still locked for it: quote units (buys) or base units (sells).
    var locked: Int128 = 0
    /// Time priority among resting orders (lower first).
    public let sequence: UInt64
    /// The exchange's index of its symbol, and (sells) of the position it draws on.
    var book = 0
    var position = -1
    /// A margin order's leverage in hundredths (document B's positions); 0 for spot.
    public internal(set) var leverageHundredths: Int64 = 0

    init(id: String, request: OrderRequest, status: OrderStatus, time: Int, sequence: UInt64) {
        self.id = id
        clientOrderID = request.clientOrderID
        symbol = request.symbol
        side = request.side
        kind = request.kind
        timeInForce = request.timeInForce
        quantity = request.quantity
        price = request.price
        strategyID = request.strategyID
        self.status = status
        createdAt = time
        updatedAt = time
        self.sequence = sequence
    }

    /// A restored order (after a restart), with what it had filled and still locks.
    public init(id: String, clientOrderID: String?, symbol: SymbolKey, side: OrderSide, kind: OrderKind, timeInForce: TimeInForce,
                quantity: Int64, price: Int64?, strategyID: String?, status: OrderStatus, filled: Int64, filledNotional: Int128,
                fee: Int128, reason: String?, createdAt: Int, updatedAt: Int, sequence: UInt64) {
        self.id = id
        self.clientOrderID = clientOrderID
        self.symbol = symbol
        self.side = side
        self.kind = kind
        self.timeInForce = timeInForce
        self.quantity = quantity
        self.price = price
        self.strategyID = strategyID
        self.status = status
        self.filled = filled
        self.filledNotional = filledNotional
        self.fee = fee
        self.reason = reason
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.sequence = sequence
    }

    /// Lots still to fill.
    public var remaining: Int64 { quantity - filled }

    /// The average fill price in ticks as a fraction; nil before the first fill.
    public var averagePrice: (numerator: Int128, denominator: Int64)? {
        filled == 0 ? nil : (filledNotional, filled)
    }
}
