/// Version 6: `ohlcv_metadata.source` says where a series' candles come from (`CandleSource`):
/// `real` (a sample file, an import, a provider), `synthetic` (made up by the server for the
/// demo) or `live` (begun by the engine's feed). Series stored before this version are real.
enum CandleSeriesSources {
    static let addedColumn = AddedColumn(table: "ohlcv_metadata", column: column("source", .text, default: "'\(CandleSource.real)'"))

    static func sql(_ dialect: SQLDialect) -> String {
        addedColumn.render(dialect)
    }
}
