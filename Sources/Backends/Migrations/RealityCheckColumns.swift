/// Version 11: what the reality check keeps of a pick beyond version 1: its route state when
/// it was picked (results by route state), and the market's next-day return the same day (the
/// mean next-day return of every scored symbol of its market), which its own is measured
/// against. Picks stored before this version have neither.
enum RealityCheckColumns {
    static let columns: [AddedColumn] = [
        AddedColumn(table: "reality_check_snapshots", column: column("route_state", .text, null: true)),
        AddedColumn(table: "reality_check_snapshots", column: column("market_return", .double, null: true)),
    ]

    static func sql(_ dialect: SQLDialect) -> String {
        AddedColumn.script(columns, indexes: [], dialect)
    }
}
