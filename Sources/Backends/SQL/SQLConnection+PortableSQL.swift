/// The SQL fragments whose spelling differs between the dialects, so that repositories write
/// each statement once.
extension SQLConnection {
    /// `column` with only ASCII letters lowered. PostgreSQL's `LOWER` follows the database's
    /// locale, unless the C collation is asked for; SQLite's folds ASCII only.
    func asciiLowercased(_ column: String) -> String {
        dialect == .postgresql ? "LOWER(\(column) COLLATE \"C\")" : "LOWER(\(column))"
    }

    /// `column` for ORDER BY in byte order, as SQLite sorts text; PostgreSQL otherwise sorts
    /// by the database's locale.
    func bytewise(_ column: String) -> String {
        dialect == .postgresql ? "\(column) COLLATE \"C\"" : column
    }

    /// A JSON column selected as its text (JSONB on PostgreSQL, TEXT on SQLite).
    func jsonText(_ column: String) -> String {
        dialect == .postgresql ? "\(column)::text AS \(column)" : column
    }

    /// ` FOR UPDATE` on PostgreSQL, which locks the rows a SELECT reads until the transaction
    /// ends; nothing on SQLite, whose write transactions are exclusive already.
    var forUpdate: String {
        dialect == .postgresql ? " FOR UPDATE" : ""
    }
}
