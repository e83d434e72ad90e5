/// A WHERE clause built from optional filters: each condition added binds its value to the
/// next placeholder (`$1, $2, …` in the order added), and a filter given as nil adds nothing.
/// Parameters the statement takes after the clause (LIMIT, OFFSET) follow `parameters`.
struct SQLWhereClause {
    /// The values bound by the conditions, in placeholder order.
    private(set) var parameters: [SQLValue] = []
    private var conditions: [String] = []

    /// ` WHERE a AND b …` (with its leading space), or nothing when there is no condition.
    var sql: String {
        conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
    }

    /// Adds `column comparison $n` bound to `value`; nothing when `value` is nil.
    mutating func require<Value: SQLBindable>(_ column: String, _ comparison: String, _ value: Value?) {
        guard let value else { return }
        parameters.append(value.sqlValue)
        conditions.append("\(column) \(comparison) $\(parameters.count)")
    }

    /// Adds `column IN ($n, …)` bound to `values`.
    mutating func require(_ column: String, in values: [SQLValue]) {
        let first = parameters.count + 1
        parameters += values
        conditions.append("\(column) IN (\(SQLPlaceholders.list(values.count, from: first)))")
    }

    /// Binds `value` to the next placeholder without a condition, for a condition written
    /// by hand (`require(_:)`) that reads it, perhaps more than once; returns its number.
    mutating func bind<Value: SQLBindable>(_ value: Value) -> Int {
        parameters.append(value.sqlValue)
        return parameters.count
    }

    /// Adds a condition that binds nothing (`status = 'active'`).
    mutating func require(_ condition: String) {
        conditions.append(condition)
    }
}
