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
