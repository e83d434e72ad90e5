/// Why a storage operation failed, typed so that callers can map it to an API error:
/// constraint violations become 409, an unreachable database 503.
public enum StorageError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A unique or primary-key constraint refused the write.
    case uniqueViolation(constraint: String)
    /// A foreign key refused the write (or the delete).
    case foreignKeyViolation(constraint: String)
    /// A NOT NULL or CHECK constraint refused the write.
    case constraintViolation(constraint: String)
    /// The database cannot be reached now (down, restarting, pool exhausted); retry later.
    case unavailable(String)
    /// A statement ran longer than the configured timeout.
    case timeout(statement: String)
    /// A result column could not be read as the type asked for.
    case decoding(column: String, reason: String)
    /// Any other failure, with the statement that failed.
    case failed(message: String, statement: String)

    public var description: String {
        switch self {
        case .uniqueViolation(let constraint): return "unique constraint violated: \(constraint)"
        case .foreignKeyViolation(let constraint): return "foreign key violated: \(constraint)"
        case .constraintViolation(let constraint): return "constraint violated: \(constraint)"
        case .unavailable(let reason): return "database unavailable: \(reason)"
        case .timeout(let statement): return "statement timed out: \(statement)"
        case .decoding(let column, let reason): return "column \(column) \(reason)"
        case .failed(let message, let statement): return "\(message) (in: \(statement))"
        }
    }
}
