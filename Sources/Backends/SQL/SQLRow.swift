/// One result row: values by column position, with names for lookup. PostgreSQL returns
/// every value as text, SQLite with its storage class; the typed accessors accept both.
public struct SQLRow: Sendable, Equatable {
    /// Column names, in select order.
    public let columns: [String]
    /// Values, in select order.
    public let values: [SQLValue]

    public init(columns: [String], values: [SQLValue]) {
        self.columns = columns
        self.values = values
    }

    /// The value of a column by name.
    public subscript(_ column: String) -> SQLValue {
        guard let index = columns.firstIndex(of: column) else { return .null }
        return values[index]
    }

    /// A text column (numbers are rendered); throws when NULL or missing.
    public func string(_ column: String) throws(StorageError) -> String {
        guard let value = optionalString(column) else { throw .decoding(column: column, reason: "is NULL") }
        return value
    }

    /// A text column or nil.
    public func optionalString(_ column: String) -> String? {
        switch self[column] {
        case .null: return nil
        case .text(let text): return text
        case .integer(let value): return String(value)
        case .double(let value): return String(value)
        case .blob(let bytes): return String(decoding: bytes, as: UTF8.self)
        }
    }

    /// An integer column; throws when NULL, missing or not an integer.
    public func int(_ column: String) throws(StorageError) -> Int {
        guard let value = try optionalInt(column) else { throw .decoding(column: column, reason: "is NULL") }
        return value
    }

    /// An integer column or nil.
    public func optionalInt(_ column: String) throws(StorageError) -> Int? {
        switch self[column] {
        case .null: return nil
        case .integer(let value): return Int(value)
        case .text(let text):
            guard let value = Int(text) else { throw .decoding(column: column, reason: "'\(text)' is not an integer") }
            return value
        case .double(let value): return Int(value)
        case .blob: throw .decoding(column: column, reason: "is a blob")
        }
    }

    /// A floating-point column (analytics only; money is never a double).
    public func double(_ column: String) throws(StorageError) -> Double {
        switch self[column] {
        case .double(let value): return value
        case .integer(let value): return Double(value)
        case .text(let text):
            guard let value = Double(text) else { throw .decoding(column: column, reason: "'\(text)' is not a number") }
            return value
        default: throw .decoding(column: column, reason: "is NULL")
        }
    }

    /// A floating-point column or nil (analytics only; money is never a double).
    public func optionalDouble(_ column: String) throws(StorageError) -> Double? {
        if case .null = self[column] { return nil }
        return try double(column)
    }

    /// A boolean stored as 0/1 (SQLite) or `t`/`f` (PostgreSQL).
    public func bool(_ column: String) throws(StorageError) -> Bool {
        switch self[column] {
        case .integer(let value): return value != 0
        case .text(let text): return text == "t" || text == "true" || text == "1"
        default: throw .decoding(column: column, reason: "is not a boolean")
        }
    }
}
