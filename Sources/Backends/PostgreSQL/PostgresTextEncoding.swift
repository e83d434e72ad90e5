import Primitives

/// How values travel to the server: every parameter and every COPY field is sent in
/// PostgreSQL's text format and typed by the server, so exact decimals stay text end to end.
enum PostgresTextEncoding {
    /// The text form of a parameter, or nil for SQL NULL.
    static func parameterText(_ value: SQLValue) -> String? {
        switch value {
        case .null: return nil
        case .integer(let value): return String(value)
        case .double(let value): return doubleText(value)
        case .text(let value): return value
        case .blob(let bytes): return "\\x" + Hex.encode(bytes)
        }
    }

    /// A double as text PostgreSQL reads back to the same value. Swift's shortest
    /// round-trip form is used for finite values; the specials need PostgreSQL's spelling.
    static func doubleText(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-Infinity" : "Infinity" }
        return value.description
    }
}
