/// The tables that hold a symbol's data, keyed by (ticker, market), and the statements that
/// delete from them: one text for the PL/pgSQL functions and for the SQLite path alike.
enum SymbolDataTables {
    /// The order in which a cascade deletes and reports: market data, then what is derived
    /// from it, and `symbol_info` last, because every other row describes a symbol it lists.
    static let cascadeOrder = [
        "ohlcv", "ohlcv_metadata", "symbol_fundamental", "execution_cache", "global_scores", "score_history",
        "reality_check_snapshots", "symbol_info",
    ]

    /// The tables an orphan cleanup looks at, in cascade order: all but `symbol_info`.
    static var orphanCandidates: [String] { cascadeOrder.filter { $0 != "symbol_info" } }

    /// Deletes one symbol's rows from `table`; the ticker and market are SQL expressions
    /// (`$1`/`$2` in a statement, the function's arguments in PL/pgSQL).
    static func deleteSymbol(from table: String, ticker: String, market: String) -> String {
        "DELETE FROM \(table) WHERE \(table).ticker = \(ticker) AND \(table).market = \(market)"
    }

    /// Deletes the rows of `table` whose symbol has no `symbol_info` row.
    static func deleteOrphans(from table: String) -> String {
        """
        DELETE FROM \(table) WHERE NOT EXISTS \
        (SELECT 1 FROM symbol_info s WHERE s.ticker = \(table).ticker AND s.market = \(table).market)
        """
    }

    /// `delete_symbol_cascade` and `cleanup_orphan_symbol_data`. Both return one row per
    /// table that lost rows, in `cascadeOrder`; tables are named unqualified, so they resolve
    /// through the caller's `search_path` like every other statement of the product.
    static var postgresFunctions: String {
        """
        CREATE FUNCTION delete_symbol_cascade(p_ticker TEXT, p_market TEXT)
        RETURNS TABLE (table_name TEXT, deleted_count BIGINT) LANGUAGE plpgsql AS $$
        DECLARE
            removed BIGINT;
        BEGIN
        \(cascadeOrder.map { reportingDeletion($0, deleteSymbol(from: $0, ticker: "p_ticker", market: "p_market")) }.joined())\
        END
        $$;

        CREATE FUNCTION cleanup_orphan_symbol_data()
        RETURNS TABLE (table_name TEXT, deleted_count BIGINT) LANGUAGE plpgsql AS $$
        DECLARE
            removed BIGINT;
        BEGIN
        \(orphanCandidates.map { reportingDeletion($0, deleteOrphans(from: $0)) }.joined())\
        END
        $$;

        """
    }

    /// A PL/pgSQL step: run `statement`, and emit a result row when it deleted anything.
    private static func reportingDeletion(_ table: String, _ statement: String) -> String {
        """
            \(statement);
            GET DIAGNOSTICS removed = ROW_COUNT;
            IF removed > 0 THEN
                table_name := '\(table)';
                deleted_count := removed;
                RETURN NEXT;
            END IF;

        """
    }
}
