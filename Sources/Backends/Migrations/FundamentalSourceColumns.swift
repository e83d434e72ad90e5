/// Version 9: `symbol_fundamental.sector` (the symbol's sector, as the fundamentals file
/// names it) and `symbol_fundamental.source` (`FundamentalSource`: `demo` for the illustrative
/// figures of the demo symbols, `import` for `trading-server import-fundamentals`). Rows
/// stored before this version have no sector and count as imported.
enum FundamentalSourceColumns {
    static let columns = [
        AddedColumn(table: "symbol_fundamental", column: column("sector", .text, null: true)),
        AddedColumn(table: "symbol_fundamental", column: column("source", .text, default: "'\(FundamentalSource.import)'")),
    ]

    static func sql(_ dialect: SQLDialect) -> String {
        AddedColumn.script(columns, indexes: [], dialect)
    }
}
