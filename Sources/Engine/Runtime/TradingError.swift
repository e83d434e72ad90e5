import Backends

/// Why a trading request failed, for the API layer to map onto its error codes.
public enum TradingError: Error, Sendable, CustomStringConvertible {
    /// The exchange refused it (unknown symbol, invalid field, balance, position limit, order
    /// not found or no longer active).
    case refused(ExchangeRefusal)
    /// A field of the request is wrong before it reaches the exchange (`VALIDATION_ERROR`).
    case invalid(field: String, reason: String)
    /// A well-formed request the market cannot take as it stands (`ORDER_001`, 422): a quantity
    /// or price finer than the symbol's lot or tick size, an expiry already past. Rules of the
    /// symbol and the clock, which a schema cannot state.
    case unfit(field: String, reason: String)
    /// An order id that is not a UUID (`INVALID_ORDER_ID`).
    case invalidOrderID(String)
    /// This instance does not run the engine, or the engine did not answer (`SERVICE_UNAVAILABLE`).
    case unavailable(String)
    /// The database failed.
    case storage(StorageError)
    /// The market could not execute it: no depth within the slippage cap right now (`CONFLICT`:
    /// a state of the book, retried later).
    case noLiquidity(String)

    public var description: String {
        switch self {
        case .refused(let refusal): return refusal.description
        case .invalid(let field, let reason), .unfit(let field, let reason): return "\(field): \(reason)"
        case .invalidOrderID(let id): return "Invalid order id '\(id)': not a UUID"
        case .unavailable(let reason): return reason
        case .storage(let error): return "\(error)"
        case .noLiquidity(let reason): return "The market could not execute it: \(reason)"
        }
    }
}
