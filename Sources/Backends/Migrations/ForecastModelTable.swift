/// Version 12: `forecast_models`, the fitted forecast models (an LSTM, an ensemble) of a
/// symbol at a timeframe, so that a restart or another server instance on the same database
/// does not train them again. The engine serialises a model itself; the column keeps that text
/// opaque (TEXT, not JSON): a corrupt entry is stored and read back as it was, so that the
/// server can recognise it and discard it. `data_end` (the open, epoch ms, of the newest candle
/// fitted on) and `candles` (how many) tell whether the data has grown since.
///
/// A symbol's models are part of its data: on PostgreSQL this version also redefines
/// `delete_symbol_cascade` and `cleanup_orphan_symbol_data` (version 3) over
/// `SymbolDataTables.cascadeOrder`, which names this table; SQLite runs that list in Swift.
enum ForecastModelTable {
    static let definition = table("forecast_models", [
        column("ticker", .text), column("market", .text), column("timeframe", .text), column("data_end", .bigint),
        column("candles", .integer), column("model", .text), column("trained_at", .bigint),
    ], constraints: ["PRIMARY KEY (ticker, market, timeframe)"])

    static func sql(_ dialect: SQLDialect) -> String {
        switch dialect {
        case .sqlite: return definition.render(.sqlite)
        case .postgresql:
            return definition.render(.postgresql) + SymbolDataTables.postgresFunctions(cascading: SymbolDataTables.cascadeOrder, candles: .textKey)
        }
    }
}
