/// Symbol data maintenance across the tables keyed by (ticker, market): `ohlcv`,
/// `ohlcv_metadata`, `symbol_fundamental`, `execution_cache`, `global_scores`,
/// `score_history`, `reality_check_snapshots`, `forecast_models` and `symbol_info`
/// (`SymbolDataTables.cascadeOrder`).
///
/// On PostgreSQL these call document A's PL/pgSQL functions; on SQLite the same statements
/// run here. Either way they run inside the caller's transaction (a rollback restores every
/// row), and report one count per table that lost rows, in the fixed order above. The
/// screening cache is not touched: it shows deleted symbols until its next refresh.
public struct SymbolMaintenanceRepository {
    let connection: any SQLConnection

    /// Deletes one symbol from every table, `symbol_info` last (`delete_symbol_cascade`).
    /// An unknown symbol deletes nothing and returns no counts.
    public func deleteSymbolCascade(ticker: String, market: String) throws(StorageError) -> [TableDeleteCount] {
        switch connection.dialect {
        case .postgresql:
            return try counts(connection.query(
                "SELECT table_name, deleted_count FROM delete_symbol_cascade($1, $2)", ticker, market))
        case .sqlite:
            var counts: [TableDeleteCount] = []
            for table in SymbolDataTables.cascadeOrder {
                let deleted = try connection.execute(
                    SymbolDataTables.deleteSymbol(from: table, ticker: "$1", market: "$2"), ticker, market)
                if deleted > 0 { counts.append(TableDeleteCount(tableName: table, deletedCount: deleted)) }
            }
            return counts
        }
    }

    /// Deletes the rows of every table but `symbol_info` whose (ticker, market) has no
    /// `symbol_info` row (`cleanup_orphan_symbol_data`).
    public func cleanupOrphanSymbolData() throws(StorageError) -> [TableDeleteCount] {
        switch connection.dialect {
        case .postgresql:
            return try counts(connection.query("SELECT table_name, deleted_count FROM cleanup_orphan_symbol_data()"))
        case .sqlite:
            var counts: [TableDeleteCount] = []
            for table in SymbolDataTables.orphanCandidates {
                let deleted = try connection.execute(SymbolDataTables.deleteOrphans(from: table))
                if deleted > 0 { counts.append(TableDeleteCount(tableName: table, deletedCount: deleted)) }
            }
            return counts
        }
    }

    private func counts(_ rows: [SQLRow]) throws(StorageError) -> [TableDeleteCount] {
        try rows.map { row throws(StorageError) in
            TableDeleteCount(tableName: try row.string("table_name"), deletedCount: try row.int("deleted_count"))
        }
    }
}

extension Repositories {
    /// Deleting a symbol's data everywhere, and data whose symbol is gone.
    public var symbolMaintenance: SymbolMaintenanceRepository { SymbolMaintenanceRepository(connection: connection) }
}
