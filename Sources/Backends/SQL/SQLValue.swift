/// A value bound to a statement parameter or read from a result column. Exact decimals
/// travel as text (`NUMERIC` on PostgreSQL, `TEXT` on SQLite), never as floating point.
public enum SQLValue: Sendable, Equatable, CustomStringConvertible {
    case null
    case integer(Int64)
    case double(Double)
    case text(String)
    case blob([UInt8])

    public var description: String {
        switch self {
        case .null: return "NULL"
        case .integer(let value): return String(value)
        case .double(let value): return String(value)
        case .text(let value): return "'" + value + "'"
        case .blob(let bytes): return "<\(bytes.count) bytes>"
        }
    }
}

extension SQLValue: SQLBindable { public var sqlValue: SQLValue { self } }

extension SQLValue {
    /// Refuses text holding U+0000 (`.constraintViolation` naming the parameter). PostgreSQL's
    /// text and JSONB cannot store it, and libpq would silently cut a text parameter at it, so
    /// both drivers refuse it and the two backends never keep different bytes.
    static func refuseNullCharacter(_ value: SQLValue, parameter index: Int) throws(StorageError) {
        guard case .text(let text) = value, text.utf8.contains(0) else { return }
        throw .constraintViolation(constraint: "parameter $\(index + 1) holds U+0000, which a text column cannot store")
    }
}

extension Optional: SQLBindable where Wrapped: SQLBindable {
    public var sqlValue: SQLValue { self?.sqlValue ?? .null }
}
