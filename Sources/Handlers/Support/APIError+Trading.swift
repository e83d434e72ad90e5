import APIRuntime
import Engine
import Generated

extension APIError {
    /// The API's answer to a refused or failed trading request, case by case.
    public init(_ error: TradingError) {
        switch error {
        case .refused(let refusal): self.init(refusal)
        case .invalid(let field, let reason): self = .validation([FieldIssue(field, reason)])
        case .unfit(let field, let reason):
            self.init(.order001, message: "Does not fit the market's rules: \(field) \(reason)", details: [FieldIssue(field, reason)])
        case .invalidOrderID: self.init(.invalidOrderId, message: error.description)
        case .unavailable(let reason): self.init(.serviceUnavailable, message: reason)
        case .storage(let storage): self.init(storage)
        case .noLiquidity: self.init(.conflict, message: error.description)
        }
    }

    /// The API's answer to a command the paper exchange refused.
    public init(_ refusal: ExchangeRefusal) {
        switch refusal {
        case .invalid(let field, let reason): self = .validation([FieldIssue(field, reason)])
        case .unknownSymbol(let symbol): self.init(.market001, message: "Unknown symbol '\(symbol)'")
        case .insufficientBalance: self.init(.port001, message: refusal.description)
        case .positionLimit: self.init(.port002, message: refusal.description)
        case .orderNotFound: self.init(.orderNotFound, message: refusal.description)
        case .notActive: self.init(.conflict, message: refusal.description)
        }
    }
}

/// Runs a trading request for a handler, turning `TradingError` into the API's error:
/// `let order = try await trading(await service.order(id: id))`.
func trading<Result: Sendable>(_ work: @autoclosure () async throws(TradingError) -> Result) async throws(APIError) -> Result {
    do {
        return try await work()
    } catch {
        throw APIError(error)
    }
}
