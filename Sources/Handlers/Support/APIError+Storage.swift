import Backends
import Generated
import Security
import APIRuntime
import Accounts

extension APIError {
    /// The API's answer to a storage failure: 503 while the database cannot be reached
    /// (the request fails at once; the pool reconnects on its own), 409 for a unique
    /// constraint, 500 otherwise (the details stay in the server log, not the body).
    public init(_ error: StorageError) {
        switch error {
        case .unavailable, .timeout:
            self.init(.serviceUnavailable, message: "Database unavailable, retry later")
        case .uniqueViolation:
            self.init(.conflict, message: "Conflict with an existing record")
        case .foreignKeyViolation, .constraintViolation, .decoding, .failed:
            self.init(.internalError)
        }
    }

    /// The API's answer to a refused authentication or account operation.
    public init(_ error: AuthError) {
        switch error {
        case .storage(let storage): self.init(storage)
        case .invalid(let field, let reason):
            self = .validation([FieldIssue(field, reason)])
        default:
            self.init(ErrorCode(rawValue: error.code) ?? .internalError, message: error.description)
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
