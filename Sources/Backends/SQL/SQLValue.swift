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

extension Optional: SQLBindable where Wrapped: SQLBindable {
    public var sqlValue: SQLValue { self?.sqlValue ?? .null }
}
