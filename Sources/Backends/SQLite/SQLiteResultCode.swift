import CSQLite

/// An SQLite result code (extended codes are on for every connection), and the
/// `StorageError` it stands for. Callers map errors to API statuses, so a constraint
/// failure must reach them as its own case rather than as a message to parse.
struct SQLiteResultCode {
    /// The extended code, e.g. `SQLITE_CONSTRAINT_UNIQUE` (2067).
    let rawValue: Int32

    init(_ rawValue: Int32) {
        self.rawValue = rawValue
    }

    /// The primary code, e.g. `SQLITE_CONSTRAINT` (19) for every constraint failure.
    var primary: Int32 { rawValue & 0xFF }

    /// The error for a failure of `statement`, with SQLite's message.
    ///
    /// SQLite names the failing columns only in its message ("UNIQUE constraint failed:
    /// users.username"), so the constraint is taken from there. A foreign key failure names
    /// nothing, so the statement stands in for it: it at least says which write was refused.
    func storageError(message: String, statement: String) -> StorageError {
        switch rawValue {
        case Self.uniqueConstraint, Self.primaryKeyConstraint:
            return .uniqueViolation(constraint: Self.failedConstraint(in: message) ?? message)
        case Self.foreignKeyConstraint:
            return .foreignKeyViolation(constraint: Self.failedConstraint(in: message) ?? statement)
        default:
            break
        }
        switch primary {
        case SQLITE_CONSTRAINT:
            // NOT NULL, CHECK, and the rarer kinds (trigger RAISE, STRICT column types).
            return .constraintViolation(constraint: Self.failedConstraint(in: message) ?? message)
        case SQLITE_BUSY, SQLITE_LOCKED:
            // Only reached once the busy timeout has run out: another process holds the
            // lock, so the caller should retry later rather than report a bug.
            return .unavailable("\(message) (in: \(statement))")
        default:
            return .failed(message: message, statement: statement)
        }
    }

    // sqlite3.h defines the extended codes as `(SQLITE_CONSTRAINT | (n<<8))`, a macro
    // Swift does not import, so they are spelled out here with the same values.
    private static let primaryKeyConstraint = SQLITE_CONSTRAINT | (6 << 8)
    private static let foreignKeyConstraint = SQLITE_CONSTRAINT | (3 << 8)
    private static let uniqueConstraint = SQLITE_CONSTRAINT | (8 << 8)

    /// "UNIQUE constraint failed: t.a, t.b" → "t.a, t.b"; nil when the message names nothing.
    private static func failedConstraint(in message: String) -> String? {
        guard let range = message.firstRange(of: "constraint failed: ") else { return nil }
        let detail = message[range.upperBound...]
        return detail.isEmpty ? nil : String(detail)
    }
}
