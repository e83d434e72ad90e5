import Primitives

extension ExactDecimal: SQLBindable {
    /// Bound as text: exact on both SQLite (TEXT) and PostgreSQL (NUMERIC infers from text).
    public var sqlValue: SQLValue { .text(description) }
}

extension SQLRow {
    /// An exact decimal column (TEXT on SQLite, NUMERIC on PostgreSQL).
    public func decimal(_ column: String) throws(StorageError) -> ExactDecimal {
        let text = try string(column)
        guard let value = ExactDecimal(text) else { throw .decoding(column: column, reason: "'\(text)' is not a decimal") }
        return value
    }

    /// An exact decimal column or nil.
    public func optionalDecimal(_ column: String) throws(StorageError) -> ExactDecimal? {
        guard optionalString(column) != nil else { return nil }
        return try decimal(column)
    }
}
