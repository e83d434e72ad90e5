import APIRuntime
import Accounts
import Generated

extension APIError {
    /// The API's answer to a refused authentication or account operation, case by case.
    public init(_ error: AuthError) {
        switch error {
        case .invalidCredentials: self.init(.invalidCredentials, message: error.description)
        case .invalidToken: self.init(.invalidToken, message: error.description)
        case .tokenExpired: self.init(.tokenExpired, message: error.description)
        case .forbidden: self.init(.insufficientPermission, message: error.description)
        case .notFound: self.init(.notFound, message: error.description)
        case .conflict: self.init(.conflict, message: error.description)
        case .invalid(let field, let reason): self = .validation([FieldIssue(field, reason)])
        case .storage(let storage): self.init(storage)
        case .crypto: self.init(.internalError)
        }
    }
}

/// Runs an authentication or account operation for a handler, turning `AuthError` into the
/// API's error: `try await authorized(await auth.logout(identity, address: address))`.
func authorized<Result: Sendable>(_ work: @autoclosure () async throws(AuthError) -> Result) async throws(APIError) -> Result {
    do {
        return try await work()
    } catch {
        throw APIError(error)
    }
}
