/// Why the exchange refused a command; nothing changed.
public enum ExchangeRefusal: Error, Sendable, Equatable, CustomStringConvertible {
    /// The market does not have the symbol (`MARKET_001`).
    case unknownSymbol(String)
    /// A field of the request is wrong (`VALIDATION_ERROR` naming the field).
    case invalid(field: String, reason: String)
    /// The free balance, or the position a spot sell draws on, is too small (`PORT_001`).
    case insufficientBalance(String)
    /// Opening would exceed the open-position limit (`PORT_002`).
    case positionLimit(Int)
    /// No order has this id (`ORDER_NOT_FOUND`).
    case orderNotFound(String)
    /// The order is no longer active (`CONFLICT`).
    case notActive(id: String, status: OrderStatus)

    public var description: String {
        switch self {
        case .unknownSymbol(let symbol): return "Unknown symbol: \(symbol)"
        case .invalid(let field, let reason): return "\(field): \(reason)"
        case .insufficientBalance(let reason): return "Insufficient balance: \(reason)"
        case .positionLimit(let limit): return "Position limit exceeded: at most \(limit) open positions"
        case .orderNotFound(let id): return "Order \(id) not found"
        case .notActive(let id, let status): return "Order \(id) is \(status.rawValue), no longer active"
        }
    }
}
