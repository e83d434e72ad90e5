/// Version 2: what the symbol, journal, watchlist and dataset endpoints show beyond version 1.
enum DetailColumns {
    static let columns: [AddedColumn] = [
        AddedColumn(table: "symbol_info", column: column("exchange", .text, null: true)),
        AddedColumn(table: "symbol_info", column: column("last_failed_at", .bigint, null: true)),
        AddedColumn(table: "fills", column: column("exchange", .text, default: "'paper'")),
        AddedColumn(table: "positions", column: column("leverage", .decimal, default: "1")),
        AddedColumn(table: "watchlists", column: column("updated_at", .bigint, default: "0")),
        AddedColumn(table: "dataset_jobs", column: column("ticker", .text, default: "''")),
        AddedColumn(table: "dataset_jobs", column: column("market", .text, default: "''")),
        AddedColumn(table: "dataset_jobs", column: column("timeframe", .text, default: "'1d'")),
        AddedColumn(table: "dataset_jobs", column: column("fetched", .bigint, default: "0")),
    ]
    static let indexes = [
        "CREATE INDEX fills_time ON fills (executed_at)",
        "CREATE INDEX symbol_info_failures ON symbol_info (consecutive_failures)",
    ]

    static func sql(_ dialect: SQLDialect) -> String {
        AddedColumn.script(columns, indexes: indexes, dialect)
    }
}
