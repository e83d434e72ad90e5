/// PostgreSQL's SQLSTATE codes mapped onto `StorageError`, so that callers (and the HTTP
/// layer above them) never see driver-specific codes.
extension StorageError {
    /// The error for a server-reported failure. `constraint` is the violated constraint's
    /// name (or, for NOT NULL, the column) when the server named one.
    init(sqlState: String?, message: String, constraint: String?, statement: String) {
        switch sqlState {
        case "23505":
            self = .uniqueViolation(constraint: constraint ?? message)
        case "23503":
            self = .foreignKeyViolation(constraint: constraint ?? message)
        case "23502", "23514":
            self = .constraintViolation(constraint: constraint ?? message)
        case "57014":
            // query_canceled: statement_timeout is the only canceller this driver arms.
            self = .timeout(statement: statement)
        case "57P01", "57P02", "57P03", "53300":
            // Shutdown, crash recovery, start-up and too_many_connections all pass with time.
            self = .unavailable(message)
        case let code? where code.hasPrefix("08") && code != "08P01":
            // Class 08 is connection exceptions, except protocol_violation, which is what a
            // wrong number of bind parameters produces: a bug in the caller, not an outage.
            self = .unavailable(message)
        default:
            self = .failed(message: message, statement: statement)
        }
    }
}
