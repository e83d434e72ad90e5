import APIRuntime
import Accounts
import Generated

extension APIError {
    /// The API's answer to a refused authentication or account operation, case by case.
    public init(_ error: AuthError) {
        let code: ErrorCode
        switch error {
        case .invalid(let field, let reason): self = .validation([FieldIssue(field, reason)]); return
        case .storage(let storage): self.init(storage); return
        case .crypto: self.init(.internalError); return
        case .rateLimited(let decision): self.init(.rateLimited, message: error.description, headers: decision.headerFields); return
        case .invalidCredentials, .currentPasswordRefused: code = .invalidCredentials
        case .invalidToken: code = .invalidToken
        case .tokenExpired: code = .tokenExpired
        case .forbidden: code = .insufficientPermission
        case .notFound: code = .notFound
        case .conflict: code = .conflict
        }
        self.init(code, message: error.description)
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
