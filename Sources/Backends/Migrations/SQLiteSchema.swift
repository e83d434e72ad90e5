/// The SQLite migration list.
enum SQLiteSchema {
    static let migrations = [
        Migration(version: 1, name: "core schema", sql: CoreSchema.sql(.sqlite)),
        Migration(version: 2, name: "detail columns", sql: DetailColumns.sql(.sqlite)),
        Migration(version: 3, name: "symbol functions and screening cache", sql: SymbolFunctions.sql(.sqlite)),
        Migration(version: 4, name: "candles without rowid", sql: CandlesWithoutRowID.sql),
        Migration(version: 5, name: "usernames unique whatever their case", sql: CaseInsensitiveUsernames.sql(.sqlite),
                  precondition: CaseInsensitiveUsernames.precondition(.sqlite)),
        Migration(version: 6, name: "candle series sources", sql: CandleSeriesSources.sql(.sqlite)),
        Migration(version: 7, name: "paper exchange order columns", sql: ExchangeOrderColumns.sql(.sqlite)),
        Migration(version: 8, name: "strategy state", sql: StrategyStateColumn.sql(.sqlite)),
        Migration(version: 9, name: "fundamental sector and source", sql: FundamentalSourceColumns.sql(.sqlite)),
        Migration(version: 10, name: "screening sector from fundamentals", sql: ScreeningCacheSector.sql(.sqlite)),
        Migration(version: 11, name: "reality check route state and market return", sql: RealityCheckColumns.sql(.sqlite)),
        Migration(version: 12, name: "forecast models", sql: ForecastModelTable.sql(.sqlite)),
        Migration(version: 13, name: "watchlist update times and item order", sql: WatchlistOrder.sql(.sqlite)),
        Migration(version: 14, name: "imported executions", sql: ImportedExecutionTable.sql(.sqlite)),
        Migration(version: 15, name: "one active dataset job a series", sql: DatasetJobSeries.sql),
        Migration(version: 16, name: "candles keyed by an integer series id", sql: CandleSeriesKey.sql(.sqlite)),
    ]
}
