/// The tables that hold a symbol's data, keyed by (ticker, market), and the statements that
/// delete from them: one text for the PL/pgSQL functions and for the SQLite path alike.
enum SymbolDataTables {
    /// Document A's tables, in the order version 3's PL/pgSQL functions delete from them.
    static let documentCascadeOrder = [
        "ohlcv", "ohlcv_metadata", "symbol_fundamental", "execution_cache", "global_scores", "score_history",
        "reality_check_snapshots", "symbol_info",
    ]

    /// The order in which a cascade deletes and reports: market data, then what is derived
    /// from it, and `symbol_info` last, because every other row describes a symbol it lists.
    /// Version 12 added the forecast models fitted on a symbol's candles (and redefined the
    /// PL/pgSQL functions with this list).
    static let cascadeOrder: [String] = documentCascadeOrder.dropLast() + [ForecastModelTable.definition.name, "symbol_info"]

    /// The tables an orphan cleanup looks at, in cascade order: all but `symbol_info`.
    static var orphanCandidates: [String] { orphanCandidates(in: cascadeOrder) }

    /// The tables of a cascade order an orphan cleanup looks at: all but `symbol_info`.
    static func orphanCandidates(in tables: [String]) -> [String] { tables.filter { $0 != "symbol_info" } }

    /// Deletes one symbol's rows from `table`; the ticker and market are SQL expressions
    /// (`$1`/`$2` in a statement, the function's arguments in PL/pgSQL). Since version 16 the
    /// candles of `ohlcv` name their symbol through `ohlcv_series` (`CandleLayout`).
    static func deleteSymbol(from table: String, ticker: String, market: String, candles: CandleLayout = .current) -> String {
        if table == "ohlcv", candles == .seriesKey {
            return "DELETE FROM ohlcv WHERE ohlcv.series_id IN "
                + "(SELECT c.id FROM ohlcv_series c WHERE c.ticker = \(ticker) AND c.market = \(market))"
        }
        return "DELETE FROM \(table) WHERE \(table).ticker = \(ticker) AND \(table).market = \(market)"
    }

    /// Deletes the rows of `table` whose symbol has no `symbol_info` row.
    static func deleteOrphans(from table: String, candles: CandleLayout = .current) -> String {
        if table == "ohlcv", candles == .seriesKey {
            return "DELETE FROM ohlcv WHERE ohlcv.series_id IN (SELECT c.id FROM ohlcv_series c WHERE NOT EXISTS "
                + "(SELECT 1 FROM symbol_info s WHERE s.ticker = c.ticker AND s.market = c.market))"
        }
        return """
        DELETE FROM \(table) WHERE NOT EXISTS \
        (SELECT 1 FROM symbol_info s WHERE s.ticker = \(table).ticker AND s.market = \(table).market)
        """
    }

    /// `delete_symbol_cascade` and `cleanup_orphan_symbol_data` over `tables` (a cascade
    /// order, `symbol_info` last), created or replaced. Both return one row per table that lost
    /// rows, in that order; tables are named unqualified, so they resolve through the caller's
    /// `search_path` like every other statement of the product.
    static func postgresFunctions(cascading tables: [String], candles: CandleLayout) -> String {
        """
        CREATE OR REPLACE FUNCTION delete_symbol_cascade(p_ticker TEXT, p_market TEXT)
        RETURNS TABLE (table_name TEXT, deleted_count BIGINT) LANGUAGE plpgsql AS $$
        DECLARE
            removed BIGINT;
        BEGIN
        \(tables.map { reportingDeletion($0, deleteSymbol(from: $0, ticker: "p_ticker", market: "p_market", candles: candles)) }.joined())\
        END
        $$;

        CREATE OR REPLACE FUNCTION cleanup_orphan_symbol_data()
        RETURNS TABLE (table_name TEXT, deleted_count BIGINT) LANGUAGE plpgsql AS $$
        DECLARE
            removed BIGINT;
        BEGIN
        \(orphanCandidates(in: tables).map { reportingDeletion($0, deleteOrphans(from: $0, candles: candles)) }.joined())\
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
