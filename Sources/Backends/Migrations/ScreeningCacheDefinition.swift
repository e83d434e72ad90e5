/// The rows of the screening cache: one per active symbol with daily candles, with its latest
/// price, fundamentals, price changes, 52-week range and route state. The query is written
/// once; the dialects differ only in the name of the floating-point cast and in where
/// `refreshed_at` comes from.
enum ScreeningCacheDefinition {
    /// Milliseconds in 365 days less one: the trailing-year frame holds the daily candles
    /// opened in the 365 days up to and including the latest.
    private static let trailingYearPreceding = 365 * 86_400_000 - 1

    /// Where a row's sector comes from: since version 10 the fundamentals' (what
    /// `import-fundamentals` and the demo figures name), else the symbol's.
    enum Sector: String {
        /// Version 3's: `symbol_fundamental` had no sector before version 9.
        case symbolInfo = "s.sector"
        /// Version 10's and the repository's.
        case fundamentalFirst = "COALESCE(f.sector, s.sector)"
    }

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
    static func postgresView(sector: Sector = .fundamentalFirst, candles: CandleLayout = .current) -> String {
        let refreshedAt = """
            COALESCE(CAST(NULLIF(current_setting('\(refreshedAtSetting)', true), '') AS BIGINT), \
            CAST(EXTRACT(EPOCH FROM now()) * 1000 AS BIGINT))
            """
        return """
            CREATE MATERIALIZED VIEW screening_cache AS
            \(select(.postgresql, refreshedAt: refreshedAt, sector: sector, candles: candles));
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

    /// SQLite's expression for the time now (epoch ms), stamped on rows a migration fills.
    static let sqliteNow = "CAST(ROUND((julianday('now') - 2440587.5) * 86400000) AS INTEGER)"

    /// Fills the SQLite cache table; `refreshedAt` is an SQL expression (a placeholder when
    /// the repository rebuilds it).
    static func insert(refreshedAt: String, sector: Sector = .fundamentalFirst, candles: CandleLayout = .current) -> String {
        "INSERT INTO screening_cache (\(columns.joined(separator: ", ")))\n" + select(.sqlite, refreshedAt: refreshedAt, sector: sector, candles: candles)
    }

    /// The cache's rows. Prices are exact (the stored decimal); ratios, changes and the
    /// 52-week range are floating point. Changes are percent: latest close against the close
    /// 1, 5 and 20 daily candles earlier, null without that many candles (or a zero close).
    /// The distance is the percent the latest close lies below the trailing-year high.
    static func select(_ dialect: SQLDialect, refreshedAt: String, sector: Sector, candles: CandleLayout) -> String {
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
                    FROM \(candles.namedCandles) o
                    JOIN symbol_info s ON s.ticker = o.ticker AND s.market = o.market
                    WHERE o.timeframe = '1d' AND s.status = 'active'
                    WINDOW newest_first AS (PARTITION BY o.ticker, o.market ORDER BY o.ts DESC),
                        trailing_year AS (PARTITION BY o.ticker, o.market ORDER BY o.ts
                            RANGE BETWEEN \(trailingYearPreceding) PRECEDING AND CURRENT ROW)
                )
                SELECT s.ticker, s.market, COALESCE(s.name, s.ticker) AS name, \(sector.rawValue) AS sector, d.close AS price,
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
