/// Version 10: the screening cache takes a symbol's sector from its fundamentals
/// (`symbol_fundamental.sector`, from `import-fundamentals` or the demo figures), falling back
/// to `symbol_info.sector`. PostgreSQL drops and recreates the materialized view and its
/// refresh function (filled at once); SQLite rebuilds the cache table's rows with the new query.
enum ScreeningCacheSector {
    static func sql(_ dialect: SQLDialect) -> String {
        switch dialect {
        case .sqlite:
            return "DELETE FROM screening_cache;\n"
                + ScreeningCacheDefinition.insert(refreshedAt: ScreeningCacheDefinition.sqliteNow, candles: .textKey) + ";\n"
        case .postgresql:
            return "DROP FUNCTION refresh_screening_cache();\nDROP MATERIALIZED VIEW screening_cache;\n"
                + ScreeningCacheDefinition.postgresView(candles: .textKey)
        }
    }
}
