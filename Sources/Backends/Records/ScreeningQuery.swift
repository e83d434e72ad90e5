import Foundation
import Primitives

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
