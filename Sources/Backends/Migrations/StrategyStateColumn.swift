/// Version 8: `strategies.state`, what a strategy keeps between events (a grid's anchor, its
/// warm-up progress, its last signal, which of the open orders are its and why), written in
/// the same transaction as the orders it places, so that a restart resumes it where it was
/// with no order placed twice. Strategies stored before this version start with `{}`.
enum StrategyStateColumn {
    static let columns = [AddedColumn(table: "strategies", column: column("state", .json, default: "'{}'"))]

    static func sql(_ dialect: SQLDialect) -> String {
        AddedColumn.script(columns, indexes: [], dialect)
    }
}
