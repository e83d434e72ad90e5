/// Version 3: document A's symbol maintenance functions and the screening cache.
///
/// PostgreSQL gets what document A names: the PL/pgSQL functions `delete_symbol_cascade` and
/// `cleanup_orphan_symbol_data`, the materialized view `screening_cache` and
/// `refresh_screening_cache()`. SQLite gets a `screening_cache` table of the same columns;
/// its repositories compute the functions' results in Swift with the same statements.
/// Both seed the seven screening presets.
enum SymbolFunctions {
    static func sql(_ dialect: SQLDialect) -> String {
        var sql = ScreeningPresetSeed.sql(dialect)
        switch dialect {
        case .sqlite:
            sql += ScreeningCacheDefinition.sqliteTable.render(.sqlite)
            sql += ScreeningCacheDefinition.insert(refreshedAt: ScreeningCacheDefinition.sqliteNow, sector: .symbolInfo, candles: .textKey) + ";\n"
        case .postgresql:
            sql += ScreeningCacheDefinition.postgresView(sector: .symbolInfo, candles: .textKey)
            sql += SymbolDataTables.postgresFunctions(cascading: SymbolDataTables.documentCascadeOrder, candles: .textKey)
        }
        return sql
    }
}
