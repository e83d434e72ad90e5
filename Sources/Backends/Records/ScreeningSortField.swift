import Foundation
import Primitives

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
