/// An order on the paper exchange, in the symbol's integer units.
///
/// What never changes (`Terms`) is shared, so that the copies the exchange keeps of an order's
/// states (its slot, the changes to write, the events to stream) copy one reference, not five
/// strings.
public struct ExchangeOrder: Sendable, Equatable {
    /// What an order was placed with.
    final class Terms: Sendable, Equatable {
        let identifier: Identifier
        let clientOrderID: String?
        let symbol: SymbolKey
        let side: OrderSide
        let kind: OrderKind
        let timeInForce: TimeInForce
        let quantity: Int64
        let price: Int64?
        let strategyID: String?
        let createdAt: Int
        let sequence: UInt64

        init(identifier: Identifier, clientOrderID: String?, symbol: SymbolKey, side: OrderSide, kind: OrderKind, timeInForce: TimeInForce,
             quantity: Int64, price: Int64?, strategyID: String?, createdAt: Int, sequence: UInt64) {
            self.identifier = identifier
            self.clientOrderID = clientOrderID
            self.symbol = symbol
            self.side = side
            self.kind = kind
            self.timeInForce = timeInForce
            self.quantity = quantity
            self.price = price
            self.strategyID = strategyID
            self.createdAt = createdAt
            self.sequence = sequence
        }

        static func == (lhs: Terms, rhs: Terms) -> Bool {
            lhs === rhs || (lhs.identifier == rhs.identifier && lhs.clientOrderID == rhs.clientOrderID && lhs.symbol == rhs.symbol && lhs.side == rhs.side
                && lhs.kind == rhs.kind && lhs.timeInForce == rhs.timeInForce && lhs.quantity == rhs.quantity && lhs.price == rhs.price
                && lhs.strategyID == rhs.strategyID && lhs.createdAt == rhs.createdAt && lhs.sequence == rhs.sequence)
        }
    }

    let terms: Terms
    public var id: String { terms.identifier.description }
    public var clientOrderID: String? { terms.clientOrderID }
    public var symbol: SymbolKey { terms.symbol }
    public var side: OrderSide { terms.side }
    public var kind: OrderKind { terms.kind }
    public var timeInForce: TimeInForce { terms.timeInForce }
    /// Lots.
    public var quantity: Int64 { terms.quantity }
    /// Ticks: the limit price or the trigger.
    public var price: Int64? { terms.price }
    public var strategyID: String? { terms.strategyID }
    public var createdAt: Int { terms.createdAt }
    /// Time priority among resting orders (lower first).
    public var sequence: UInt64 { terms.sequence }
    public internal(set) var status: OrderStatus
    /// Lots filled, and Σ fill price × fill quantity (notional units) for the average price.
    public internal(set) var filled: Int64 = 0
    public internal(set) var filledNotional: Int128 = 0
    /// Fees paid (quote units).
    public internal(set) var fee: Int128 = 0
    /// Why it was cancelled, rejected or expired.
    public internal(set) var reason: String?
    public internal(set) var updatedAt: Int
    /// Still locked for it: quote units (buys) or base units (sells).
    var locked: Int128 = 0
    /// The exchange's index of its symbol, and (sells) of the position it draws on.
    var book = 0
    var position = -1
    /// A margin order's leverage in hundredths (document B's positions); 0 for spot.
    public internal(set) var leverageHundredths: Int64 = 0
    /// Its index in the exchange's `changedOrders` while `changeGeneration` is the exchange's,
    /// and whether its slot is findable by id.
    var change = 0
    var changeGeneration: UInt32 = 0
    var indexed = false

    init(id: Identifier, request: OrderRequest, status: OrderStatus, time: Int, sequence: UInt64) {
        terms = Terms(identifier: id, clientOrderID: request.clientOrderID, symbol: request.symbol, side: request.side, kind: request.kind,
                      timeInForce: request.timeInForce, quantity: request.quantity, price: request.price, strategyID: request.strategyID,
                      createdAt: time, sequence: sequence)
        self.status = status
        updatedAt = time
    }

    /// A restored order (after a restart), with what it had filled and still locks.
    public init(id: String, clientOrderID: String?, symbol: SymbolKey, side: OrderSide, kind: OrderKind, timeInForce: TimeInForce,
                quantity: Int64, price: Int64?, strategyID: String?, status: OrderStatus, filled: Int64, filledNotional: Int128,
                fee: Int128, reason: String?, createdAt: Int, updatedAt: Int, sequence: UInt64) {
        terms = Terms(identifier: Identifier(id), clientOrderID: clientOrderID, symbol: symbol, side: side, kind: kind, timeInForce: timeInForce,
                      quantity: quantity, price: price, strategyID: strategyID, createdAt: createdAt, sequence: sequence)
        self.status = status
        self.filled = filled
        self.filledNotional = filledNotional
        self.fee = fee
        self.reason = reason
        self.updatedAt = updatedAt
    }

    /// Lots still to fill.
    public var remaining: Int64 { quantity - filled }

    /// The average fill price in ticks as a fraction; nil before the first fill.
    public var averagePrice: (numerator: Int128, denominator: Int64)? {
        filled == 0 ? nil : (filledNotional, filled)
    }
}
