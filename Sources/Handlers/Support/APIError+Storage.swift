import Backends
import Generated
import APIRuntime

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
}
