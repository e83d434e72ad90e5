import Foundation
import Primitives

extension Repositories {
    /// Condition screening over the screening cache, and the screening presets.
    public var screening: ScreeningRepository { ScreeningRepository(connection: connection) }
}

/// A field screening results can be sorted by (openapi.yaml `ScreeningSortField`).
public enum ScreeningSortField: String, Sendable, CaseIterable, Codable {
    /// Market capitalisation (the default).
    case marketCap = "market_cap"
    /// Price/earnings ratio.
    case per
    /// Price/book ratio.
    case pbr
    /// Return on equity.
    case roe
    /// Dividend yield.
    case dividendYield = "dividend_yield"
    /// 1-day price change.
    case priceChange1d = "price_change_1d"
    /// 5-day price change.
    case priceChange5d = "price_change_5d"
    /// 20-day price change.
    case priceChange20d = "price_change_20d"
    /// Ticker, byte-wise.
    case ticker
    /// Name, byte-wise.
    case name

    /// The cache column sorted on. Market cap sorts on its floating-point copy: the exact
    /// value is text on SQLite, which would sort "9…" above "10…".
    var column: String {
        switch self {
        case .marketCap: return "market_cap_value"
        default: return rawValue
        }
    }

    /// Text sorts byte-wise on both dialects, whatever the server's locale.
    var isText: Bool { self == .ticker || self == .name }
}

/// The direction of a sort (openapi.yaml `SortOrder`).
public enum ScreeningSortOrder: String, Sendable, Codable {
    /// Smallest first.
    case asc
    /// Largest first.
    case desc
}

/// Screening conditions, field for field openapi.yaml's `ScreeningFilterRequest` without
/// `preset` (it encodes and decodes with those names). Every condition is optional; ratios
/// and changes are percent. Symbols whose value is unknown (null) fail any bound on it.
public struct ScreeningQuery: Sendable, Equatable, Codable {
    /// The page size when `limit` is nil.
    public static let defaultLimit = 100

    /// Only this market (`KR`, `US`, `CRYPTO`, …).
    public var market: String?
    /// Only this sector.
    public var sector: String?
    /// Minimum market capitalisation (local currency).
    public var minMarketCap: Double?
    /// Maximum market capitalisation (local currency).
    public var maxMarketCap: Double?
    /// Minimum price/earnings ratio.
    public var minPer: Double?
    /// Maximum price/earnings ratio.
    public var maxPer: Double?
    /// Minimum price/book ratio.
    public var minPbr: Double?
    /// Maximum price/book ratio.
    public var maxPbr: Double?
    /// Minimum return on equity (%).
    public var minRoe: Double?
    /// Maximum return on equity (%).
    public var maxRoe: Double?
    /// Minimum dividend yield (%).
    public var minDividendYield: Double?
    /// Maximum dividend yield (%).
    public var maxDividendYield: Double?
    /// Minimum 1-day price change (%).
    public var minPriceChange1d: Double?
    /// Maximum 1-day price change (%).
    public var maxPriceChange1d: Double?
    /// Minimum 5-day price change (%).
    public var minPriceChange5d: Double?
    /// Maximum 5-day price change (%).
    public var maxPriceChange5d: Double?
    /// Minimum 20-day price change (%).
    public var minPriceChange20d: Double?
    /// Maximum 20-day price change (%).
    public var maxPriceChange20d: Double?
    /// Minimum revenue growth year on year (%).
    public var minRevenueGrowth: Double?
    /// Minimum earnings growth year on year (%).
    public var minEarningsGrowth: Double?
    /// Maximum debt ratio (%).
    public var maxDebtRatio: Double?
    /// At most this many percent below the 52-week high.
    public var maxDistanceFrom52wHigh: Double?
    /// `OVERHEAT`, `ATTACK`, `ARMED`, `WAIT` or `NEUTRAL`.
    public var routeState: String?
    /// Nil sorts by market cap.
    public var sortBy: ScreeningSortField?
    /// Nil sorts descending.
    public var sortOrder: ScreeningSortOrder?
    /// Nil is `defaultLimit`.
    public var limit: Int?
    /// Nil is 0.
    public var offset: Int?

    /// A query with no conditions: every cached symbol, by market cap descending.
    public init() {}

    enum CodingKeys: String, CodingKey {
        case market, sector, limit, offset
        case minMarketCap = "min_market_cap", maxMarketCap = "max_market_cap"
        case minPer = "min_per", maxPer = "max_per", minPbr = "min_pbr", maxPbr = "max_pbr"
        case minRoe = "min_roe", maxRoe = "max_roe"
        case minDividendYield = "min_dividend_yield", maxDividendYield = "max_dividend_yield"
        case minPriceChange1d = "min_price_change_1d", maxPriceChange1d = "max_price_change_1d"
        case minPriceChange5d = "min_price_change_5d", maxPriceChange5d = "max_price_change_5d"
        case minPriceChange20d = "min_price_change_20d", maxPriceChange20d = "max_price_change_20d"
        case minRevenueGrowth = "min_revenue_growth", minEarningsGrowth = "min_earnings_growth"
        case maxDebtRatio = "max_debt_ratio", maxDistanceFrom52wHigh = "max_dist_from_52w_high"
        case routeState = "route_state", sortBy = "sort_by", sortOrder = "sort_order"
    }

    /// A numeric condition: the field, the cache column it bounds, and whether it is a minimum.
    struct Bound {
        let field: WritableKeyPath<ScreeningQuery, Double?>
        let column: String
        let isMinimum: Bool
    }

    static var bounds: [Bound] {
        [
            Bound(field: \.minMarketCap, column: "market_cap_value", isMinimum: true),
            Bound(field: \.maxMarketCap, column: "market_cap_value", isMinimum: false),
            Bound(field: \.minPer, column: "per", isMinimum: true), Bound(field: \.maxPer, column: "per", isMinimum: false),
            Bound(field: \.minPbr, column: "pbr", isMinimum: true), Bound(field: \.maxPbr, column: "pbr", isMinimum: false),
            Bound(field: \.minRoe, column: "roe", isMinimum: true), Bound(field: \.maxRoe, column: "roe", isMinimum: false),
            Bound(field: \.minDividendYield, column: "dividend_yield", isMinimum: true),
            Bound(field: \.maxDividendYield, column: "dividend_yield", isMinimum: false),
            Bound(field: \.minPriceChange1d, column: "price_change_1d", isMinimum: true),
            Bound(field: \.maxPriceChange1d, column: "price_change_1d", isMinimum: false),
            Bound(field: \.minPriceChange5d, column: "price_change_5d", isMinimum: true),
            Bound(field: \.maxPriceChange5d, column: "price_change_5d", isMinimum: false),
            Bound(field: \.minPriceChange20d, column: "price_change_20d", isMinimum: true),
            Bound(field: \.maxPriceChange20d, column: "price_change_20d", isMinimum: false),
            Bound(field: \.minRevenueGrowth, column: "revenue_growth", isMinimum: true),
            Bound(field: \.minEarningsGrowth, column: "earnings_growth", isMinimum: true),
            Bound(field: \.maxDebtRatio, column: "debt_ratio", isMinimum: false),
            Bound(field: \.maxDistanceFrom52wHigh, column: "distance_from_52w_high", isMinimum: false),
        ]
    }

    /// This query (a preset's) with every field `explicit` sets taking its place: "the
    /// preset's conditions apply first and explicit fields override them".
    public func overriding(with explicit: ScreeningQuery) -> ScreeningQuery {
        var merged = self
        for bound in Self.bounds where explicit[keyPath: bound.field] != nil {
            merged[keyPath: bound.field] = explicit[keyPath: bound.field]
        }
        merged.market = explicit.market ?? market
        merged.sector = explicit.sector ?? sector
        merged.routeState = explicit.routeState ?? routeState
        merged.sortBy = explicit.sortBy ?? sortBy
        merged.sortOrder = explicit.sortOrder ?? sortOrder
        merged.limit = explicit.limit ?? limit
        merged.offset = explicit.offset ?? offset
        return merged
    }
}

/// One symbol in the screening cache.
public struct ScreeningRow: Sendable, Equatable {
    /// The symbol's ticker (`005930`, `AAPL`).
    public var ticker: String
    /// The symbol's market.
    public var market: String
    /// The symbol's name, or its ticker when it has none.
    public var name: String
    /// The symbol's sector, when known.
    public var sector: String?
    /// The latest daily close.
    public var price: ExactDecimal
    /// Market capitalisation (exact), from `symbol_fundamental`.
    public var marketCap: ExactDecimal?
    /// Price/earnings ratio.
    public var per: Double?
    /// Price/book ratio.
    public var pbr: Double?
    /// Return on equity (%).
    public var roe: Double?
    /// Dividend yield (%).
    public var dividendYield: Double?
    /// Debt ratio (%).
    public var debtRatio: Double?
    /// Revenue growth year on year (%).
    public var revenueGrowth: Double?
    /// Earnings growth year on year (%).
    public var earningsGrowth: Double?
    /// Percent change of the latest close against the close 1 daily candle earlier.
    public var priceChange1d: Double?
    /// Percent change against the close 5 daily candles earlier.
    public var priceChange5d: Double?
    /// Percent change against the close 20 daily candles earlier.
    public var priceChange20d: Double?
    /// The highest daily high of the 365 days up to the latest candle.
    public var high52w: Double?
    /// The lowest daily low of the same days.
    public var low52w: Double?
    /// Percent the latest close lies below `high52w`.
    public var distanceFrom52wHigh: Double?
    /// From `global_scores`; `NEUTRAL` when the symbol has no score.
    public var routeState: String
    /// The GlobalScore, when computed.
    public var score: Double?
    /// `BUY`, `WATCH` or `HOLD`, with the score.
    public var grade: String?
    /// When the cache was rebuilt (epoch ms).
    public var refreshedAt: Int

    init(row: SQLRow) throws(StorageError) {
        ticker = try row.string("ticker")
        market = try row.string("market")
        name = try row.string("name")
        sector = row.optionalString("sector")
        price = try row.decimal("price")
        marketCap = try row.optionalDecimal("market_cap")
        per = try row.optionalDouble("per")
        pbr = try row.optionalDouble("pbr")
        roe = try row.optionalDouble("roe")
        dividendYield = try row.optionalDouble("dividend_yield")
        debtRatio = try row.optionalDouble("debt_ratio")
        revenueGrowth = try row.optionalDouble("revenue_growth")
        earningsGrowth = try row.optionalDouble("earnings_growth")
        priceChange1d = try row.optionalDouble("price_change_1d")
        priceChange5d = try row.optionalDouble("price_change_5d")
        priceChange20d = try row.optionalDouble("price_change_20d")
        high52w = try row.optionalDouble("high_52w")
        low52w = try row.optionalDouble("low_52w")
        distanceFrom52wHigh = try row.optionalDouble("distance_from_52w_high")
        routeState = try row.string("route_state")
        score = try row.optionalDouble("score")
        grade = row.optionalString("grade")
        refreshedAt = try row.int("refreshed_at")
    }
}

/// A built-in screening preset (openapi.yaml `ScreeningPreset`).
public struct ScreeningPreset: Sendable, Equatable {
    /// `basic`, `value`, `dividend`, `growth`, `snowball`, `large_cap` or `near_52w_low`.
    public var id: String
    /// The display name (`가치주`).
    public var name: String
    /// What the preset selects (`PER <= 15, PBR <= 1, ROE >= 5 (PBR ascending)`).
    public var description: String
    /// The conditions the preset applies.
    public var filter: ScreeningQuery
}

/// Screening: the cache of per-symbol screening values (a materialized view on PostgreSQL, a
/// table on SQLite), conditions over it, and the presets. Results come from the cache as of
/// its last refresh, never from the live tables.
public struct ScreeningRepository {
    let connection: any SQLConnection

    /// Rebuilds the cache, stamping every row with `time`; returns its row count. Run it in a
    /// `write`: on PostgreSQL the time reaches the view through a transaction-local setting,
    /// and the view refreshes concurrently, so readers keep the previous rows until commit.
    @discardableResult
    public func refreshCache(at time: Int) throws(StorageError) -> Int {
        switch connection.dialect {
        case .postgresql:
            try connection.query("SELECT set_config($1, $2, true)", ScreeningCacheDefinition.refreshedAtSetting, String(time))
            return try connection.query("SELECT refresh_screening_cache() AS row_count").first?.int("row_count") ?? 0
        case .sqlite:
            try connection.execute("DELETE FROM screening_cache")
            return try connection.execute(ScreeningCacheDefinition.insert(refreshedAt: "$1"), time)
        }
    }

    /// The cache's row count and when it was refreshed (nil when it holds no rows).
    public func cacheInfo() throws(StorageError) -> (rowCount: Int, refreshedAt: Int?) {
        let row = try connection.query("SELECT COUNT(*) AS row_count, MAX(refreshed_at) AS refreshed_at FROM screening_cache").first
        return (try row?.int("row_count") ?? 0, try row?.optionalInt("refreshed_at"))
    }

    /// The cached symbols meeting `query`, sorted (unknown values last in either direction,
    /// then by ticker and market) and paginated, with the number of matches before
    /// pagination. A negative limit or offset is refused.
    public func screen(_ query: ScreeningQuery) throws(StorageError) -> (rows: [ScreeningRow], total: Int) {
        let limit = query.limit ?? ScreeningQuery.defaultLimit
        let offset = query.offset ?? 0
        guard limit >= 0, offset >= 0 else {
            throw .failed(message: "screening limit \(limit) and offset \(offset) must not be negative", statement: "screening_cache")
        }
        var filter = SQLWhereClause()
        filter.require("market", "=", query.market)
        filter.require("sector", "=", query.sector)
        filter.require("route_state", "=", query.routeState)
        for bound in ScreeningQuery.bounds {
            filter.require(bound.column, bound.isMinimum ? ">=" : "<=", query[keyPath: bound.field])
        }
        let total = try connection.query("SELECT COUNT(*) AS total FROM screening_cache" + filter.sql, filter.parameters)
            .first?.int("total") ?? 0

        // Column names come from ScreeningSortField, never from the caller's text.
        let sort = query.sortBy ?? .marketCap
        let direction = (query.sortOrder ?? .desc) == .asc ? "ASC" : "DESC"
        let collation = connection.dialect == .postgresql ? "COLLATE \"C\"" : "COLLATE BINARY"
        let sortKey = sort.isText ? "\(sort.column) \(collation)" : sort.column
        let parameters = filter.parameters + [limit.sqlValue, offset.sqlValue]
        let sql = """
            SELECT \(ScreeningCacheDefinition.columns.joined(separator: ", ")) FROM screening_cache\(filter.sql)
            ORDER BY CASE WHEN \(sort.column) IS NULL THEN 1 ELSE 0 END, \(sortKey) \(direction), \
            ticker \(collation), market \(collation)
            LIMIT $\(parameters.count - 1) OFFSET $\(parameters.count)
            """
        return (try connection.query(sql, parameters).map(ScreeningRow.init), total)
    }

    /// The seven presets, in document A's order (basic, value, dividend, growth, snowball,
    /// large_cap, near_52w_low).
    public func presets() throws(StorageError) -> [ScreeningPreset] {
        let rows = try connection.query(
            "SELECT name, display_name, description, CAST(filter AS TEXT) AS filter FROM screening_presets ORDER BY position, name")
        var presets: [ScreeningPreset] = []
        for row in rows {
            let id = try row.string("name")
            let filter: ScreeningQuery
            do {
                filter = try JSONDecoder().decode(ScreeningQuery.self, from: Data(try row.string("filter").utf8))
            } catch {
                throw .decoding(column: "filter", reason: "of preset \(id) is not a screening filter: \(error)")
            }
            presets.append(ScreeningPreset(
                id: id, name: try row.string("display_name"), description: try row.string("description"), filter: filter))
        }
        return presets
    }
}
