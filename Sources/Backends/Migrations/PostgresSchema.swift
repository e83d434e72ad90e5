/// The PostgreSQL migration list (version 4 is SQLite's alone).
enum PostgresSchema {
    static let migrations = [
        Migration(version: 1, name: "core schema", sql: CoreSchema.sql(.postgresql)),
        Migration(version: 2, name: "detail columns", sql: DetailColumns.sql(.postgresql)),
        Migration(version: 3, name: "symbol functions and screening cache", sql: SymbolFunctions.sql(.postgresql)),
        Migration(version: 5, name: "usernames unique whatever their case", sql: CaseInsensitiveUsernames.sql(.postgresql),
                  precondition: CaseInsensitiveUsernames.precondition(.postgresql)),
        Migration(version: 6, name: "candle series sources", sql: CandleSeriesSources.sql(.postgresql)),
        Migration(version: 7, name: "paper exchange order columns", sql: ExchangeOrderColumns.sql(.postgresql)),
        Migration(version: 8, name: "strategy state", sql: StrategyStateColumn.sql(.postgresql)),
        Migration(version: 9, name: "fundamental sector and source", sql: FundamentalSourceColumns.sql(.postgresql)),
        Migration(version: 10, name: "screening sector from fundamentals", sql: ScreeningCacheSector.sql(.postgresql)),
        Migration(version: 11, name: "reality check route state and market return", sql: RealityCheckColumns.sql(.postgresql)),
        Migration(version: 12, name: "forecast models", sql: ForecastModelTable.sql(.postgresql)),
        Migration(version: 13, name: "watchlist update times and item order", sql: WatchlistOrder.sql(.postgresql)),
        Migration(version: 14, name: "imported executions", sql: ImportedExecutionTable.sql(.postgresql)),
        Migration(version: 15, name: "one active dataset job a series", sql: DatasetJobSeries.sql),
        Migration(version: 16, name: "candles keyed by an integer series id", sql: CandleSeriesKey.sql(.postgresql)),
    ]
}
