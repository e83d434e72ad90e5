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
            sql += ScreeningCacheDefinition.insert(refreshedAt: "CAST(ROUND((julianday('now') - 2440587.5) * 86400000) AS INTEGER)") + ";\n"
        case .postgresql:
            sql += ScreeningCacheDefinition.postgresView
            sql += SymbolDataTables.postgresFunctions
        }
        return sql
    }
}

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

/// The rows of the screening cache: one per active symbol with daily candles, with its latest
/// price, fundamentals, price changes, 52-week range and route state. The query is written
/// once; the dialects differ only in the name of the floating-point cast and in where
/// `refreshed_at` comes from.
enum ScreeningCacheDefinition {
    /// Milliseconds in 365 days less one: the trailing-year frame holds the daily candles
    /// opened in the 365 days up to and including the latest.
    private static let trailingYearPreceding = 365 * 86_400_000 - 1

    /// The columns of the cache, in order.
    static let columns = [
        "ticker", "market", "name", "sector", "price", "market_cap", "market_cap_value", "per", "pbr", "roe",
        "dividend_yield", "debt_ratio", "revenue_growth", "earnings_growth", "price_change_1d", "price_change_5d",
        "price_change_20d", "high_52w", "low_52w", "distance_from_52w_high", "route_state", "score", "grade",
        "refreshed_at",
    ]

    /// The cache on SQLite: a table the screening repository rebuilds.
    static let sqliteTable = table("screening_cache", [
        column("ticker", .text), column("market", .text), column("name", .text), column("sector", .text, null: true),
        column("price", .decimal), column("market_cap", .decimal, null: true), column("market_cap_value", .double, null: true),
        column("per", .double, null: true), column("pbr", .double, null: true), column("roe", .double, null: true),
        column("dividend_yield", .double, null: true), column("debt_ratio", .double, null: true),
        column("revenue_growth", .double, null: true), column("earnings_growth", .double, null: true),
        column("price_change_1d", .double, null: true), column("price_change_5d", .double, null: true),
        column("price_change_20d", .double, null: true), column("high_52w", .double, null: true),
        column("low_52w", .double, null: true), column("distance_from_52w_high", .double, null: true),
        column("route_state", .text), column("score", .double, null: true), column("grade", .text, null: true),
        column("refreshed_at", .bigint),
    ], constraints: ["PRIMARY KEY (ticker, market)"])

    /// The PostgreSQL setting through which `ScreeningRepository.refreshCache(at:)` hands the
    /// refresh time to the view (a view cannot take parameters); unset, the view uses `now()`.
    static let refreshedAtSetting = "trading.screening_refreshed_at"

    /// The cache on PostgreSQL: the materialized view, the unique index that lets it refresh
    /// concurrently (readers are not blocked), and the function that refreshes it.
    static var postgresView: String {
        let refreshedAt = """
            COALESCE(CAST(NULLIF(current_setting('\(refreshedAtSetting)', true), '') AS BIGINT), \
            CAST(EXTRACT(EPOCH FROM now()) * 1000 AS BIGINT))
            """
        return """
            CREATE MATERIALIZED VIEW screening_cache AS
            \(select(.postgresql, refreshedAt: refreshedAt));
            CREATE UNIQUE INDEX screening_cache_symbol ON screening_cache (ticker, market);

            CREATE FUNCTION refresh_screening_cache() RETURNS BIGINT LANGUAGE plpgsql AS $$
            DECLARE
                cached BIGINT;
            BEGIN
                REFRESH MATERIALIZED VIEW CONCURRENTLY screening_cache;
                SELECT COUNT(*) INTO cached FROM screening_cache;
                RETURN cached;
            END
            $$;

            """
    }

    /// Fills the SQLite cache table; `refreshedAt` is an SQL expression (a placeholder when
    /// the repository rebuilds it).
    static func insert(refreshedAt: String) -> String {
        "INSERT INTO screening_cache (\(columns.joined(separator: ", ")))\n" + select(.sqlite, refreshedAt: refreshedAt)
    }

    /// The cache's rows. Prices are exact (the stored decimal); ratios, changes and the
    /// 52-week range are floating point. Changes are percent: latest close against the close
    /// 1, 5 and 20 daily candles earlier, null without that many candles (or a zero close).
    /// The distance is the percent the latest close lies below the trailing-year high.
    static func select(_ dialect: SQLDialect, refreshedAt: String) -> String {
        let real = TableDefinition.typeName(.double, dialect)
        func change(_ earlier: String) -> String {
            "(CAST(d.close AS \(real)) - CAST(d.\(earlier) AS \(real))) * 100 / NULLIF(CAST(d.\(earlier) AS \(real)), 0)"
        }
        return """
            SELECT screened.*, \(refreshedAt) AS refreshed_at FROM (
                WITH daily AS (
                    SELECT o.ticker, o.market, o.close,
                        ROW_NUMBER() OVER newest_first AS recency,
                        LEAD(o.close, 1) OVER newest_first AS close_1d_ago,
                        LEAD(o.close, 5) OVER newest_first AS close_5d_ago,
                        LEAD(o.close, 20) OVER newest_first AS close_20d_ago,
                        MAX(CAST(o.high AS \(real))) OVER trailing_year AS high_52w,
                        MIN(CAST(o.low AS \(real))) OVER trailing_year AS low_52w
                    FROM ohlcv o
                    JOIN symbol_info s ON s.ticker = o.ticker AND s.market = o.market
                    WHERE o.timeframe = '1d' AND s.status = 'active'
                    WINDOW newest_first AS (PARTITION BY o.ticker, o.market ORDER BY o.ts DESC),
                        trailing_year AS (PARTITION BY o.ticker, o.market ORDER BY o.ts
                            RANGE BETWEEN \(trailingYearPreceding) PRECEDING AND CURRENT ROW)
                )
                SELECT s.ticker, s.market, COALESCE(s.name, s.ticker) AS name, s.sector, d.close AS price,
                    f.market_cap, CAST(f.market_cap AS \(real)) AS market_cap_value,
                    f.per, f.pbr, f.roe, f.dividend_yield, f.debt_ratio, f.revenue_growth, f.earnings_growth,
                    \(change("close_1d_ago")) AS price_change_1d,
                    \(change("close_5d_ago")) AS price_change_5d,
                    \(change("close_20d_ago")) AS price_change_20d,
                    d.high_52w, d.low_52w,
                    (d.high_52w - CAST(d.close AS \(real))) * 100 / NULLIF(d.high_52w, 0) AS distance_from_52w_high,
                    COALESCE(g.route_state, 'NEUTRAL') AS route_state, g.score, g.grade
                FROM daily d
                JOIN symbol_info s ON s.ticker = d.ticker AND s.market = d.market
                LEFT JOIN symbol_fundamental f ON f.ticker = d.ticker AND f.market = d.market
                LEFT JOIN global_scores g ON g.ticker = d.ticker AND g.market = d.market
                WHERE d.recency = 1
            ) AS screened
            """
    }
}

/// The seven screening presets of document A, seeded into `screening_presets`. The key
/// column `name` holds the preset id; `display_name` and `position` are added here. Filter
/// JSON uses the field names of openapi.yaml's `ScreeningFilterRequest`.
enum ScreeningPresetSeed {
    struct Preset {
        var id: String
        var displayName: String
        var description: String
        var filterJSON: String
    }

    static let presets = [
        Preset(id: "basic", displayName: "기본", description: "No conditions (market cap descending)", filterJSON: "{}"),
        Preset(id: "value", displayName: "가치주", description: "PER <= 15, PBR <= 1, ROE >= 5 (PBR ascending)",
               filterJSON: #"{"max_per": 15, "max_pbr": 1, "min_roe": 5, "sort_by": "pbr", "sort_order": "asc"}"#),
        Preset(id: "dividend", displayName: "배당주", description: "Dividend yield >= 3, ROE >= 5, debt ratio <= 100",
               filterJSON: #"{"min_dividend_yield": 3, "min_roe": 5, "max_debt_ratio": 100}"#),
        Preset(id: "growth", displayName: "성장주", description: "Revenue growth >= 20, earnings growth >= 15, ROE >= 10",
               filterJSON: #"{"min_revenue_growth": 20, "min_earnings_growth": 15, "min_roe": 10}"#),
        Preset(id: "snowball", displayName: "스노우볼", description: "PBR <= 1, dividend yield >= 3, debt ratio <= 80, ROE >= 8",
               filterJSON: #"{"max_pbr": 1, "min_dividend_yield": 3, "max_debt_ratio": 80, "min_roe": 8}"#),
        Preset(id: "large_cap", displayName: "대형주", description: "Market cap >= 10 trillion",
               filterJSON: #"{"min_market_cap": 10000000000000}"#),
        Preset(id: "near_52w_low", displayName: "52주 저점 근접", description: "At most 50% below the 52-week high, ROE >= 5",
               filterJSON: #"{"max_dist_from_52w_high": 50, "min_roe": 5}"#),
    ]

    static func sql(_ dialect: SQLDialect) -> String {
        var sql = AddedColumn(table: "screening_presets", column: column("display_name", .text, default: "''")).render(dialect)
        sql += AddedColumn(table: "screening_presets", column: column("position", .integer, default: "0")).render(dialect)
        for (position, preset) in presets.enumerated() {
            let values = [preset.id, preset.displayName, preset.description, preset.filterJSON].map(literal)
            sql += "INSERT INTO screening_presets (name, display_name, description, filter, position) VALUES ("
                + values.joined(separator: ", ") + ", \(position));\n"
        }
        return sql
    }

    /// A string literal; the seed texts are constants, quoted properly all the same.
    private static func literal(_ text: String) -> String {
        "'" + text.replacing("'", with: "''") + "'"
    }
}
