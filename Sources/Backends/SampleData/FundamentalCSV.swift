import Primitives

/// Reads fundamentals from CSV (`trading-server import-fundamentals`): a header row naming
/// the columns (any of `columns`, in any order; `ticker` and `market` are required), then
/// one row a symbol. Ratios and percentages are decimal numbers (percent figures in percent:
/// `12.5` is 12.5 %), `market_cap` an exact decimal in the market's currency; an empty cell is
/// an unknown figure (NULL). A field may be double-quoted (`"a, b"`, `""` for a quote).
public enum FundamentalCSV {
    /// A line that could not be read, with the column at fault when there is one.
    public typealias LineError = CSVLineError

    /// Every column a file may have, in the documented order.
    public static let columns = [
        "ticker", "market", "per", "pbr", "psr", "roe", "roa", "operating_margin", "net_margin", "revenue_growth",
        "earnings_growth", "dividend_yield", "debt_ratio", "market_cap", "sector",
    ]
    /// Where a ratio or percentage column goes (read as `Double`; it may be negative: a loss, a
    /// decline); nil for the other columns.
    static func figure(_ column: String) -> WritableKeyPath<FundamentalRecord, Double?>? {
        switch column {
        case "per": return \.per
        case "pbr": return \.pbr
        case "psr": return \.psr
        case "roe": return \.roe
        case "roa": return \.roa
        case "operating_margin": return \.operatingMargin
        case "net_margin": return \.netMargin
        case "revenue_growth": return \.revenueGrowth
        case "earnings_growth": return \.earningsGrowth
        case "dividend_yield": return \.dividendYield
        case "debt_ratio": return \.debtRatio
        default: return nil
        }
    }

    /// Parses the whole text into records stamped `time` and marked imported; the first
    /// fault stops it, naming its line and column. `markets` are the market codes a row may
    /// name; a symbol (ticker and market) may appear once.
    public static func parse(_ text: String, markets: Set<String>, at time: Int) throws(LineError) -> [FundamentalRecord] {
        let table = try CSVTable(text, known: columns, required: ["ticker", "market"])
        var records: [FundamentalRecord] = []
        var seen: [String: Int] = [:]
        for (number, cells) in table.rows {
            var record = FundamentalRecord(ticker: "", market: "", source: FundamentalSource.import, updatedAt: time)
            for (name, cell) in zip(table.names, cells) {
                func fault(_ reason: String) -> LineError { LineError(line: number, column: name, reason: reason) }
                switch name {
                case "ticker":
                    guard !cell.isEmpty else { throw fault("is empty") }
                    record.ticker = cell
                case "market":
                    guard !cell.isEmpty else { throw fault("is empty") }
                    guard markets.contains(cell) else {
                        throw fault("'\(cell)' is not a market (\(markets.sorted().joined(separator: ", ")))")
                    }
                    record.market = cell
                case "market_cap":
                    guard !cell.isEmpty else { continue }
                    guard let value = ExactDecimal(cell), !value.isNegative else {
                        throw fault("'\(cell)' is not a non-negative decimal number")
                    }
                    record.marketCap = value
                case "sector":
                    record.sector = cell.isEmpty ? nil : cell
                default:
                    guard !cell.isEmpty, let figure = figure(name) else { continue }
                    guard let value = decimalNumber(cell) else { throw fault("'\(cell)' is not a number") }
                    record[keyPath: figure] = value
                }
            }
            let symbol = record.market + " " + record.ticker
            if let earlier = seen[symbol] {
                throw LineError(line: number, column: "ticker", reason: "\(record.ticker) (\(record.market)) is also on line \(earlier)")
            }
            seen[symbol] = number
            records.append(record)
        }
        return records
    }

    /// A finite decimal number (`12`, `-3.5`, `.5`, `1e3`); nil for anything else, NaN and
    /// infinity included.
    private static func decimalNumber(_ text: String) -> Double? {
        guard text.allSatisfy({ "0123456789+-.eE".contains($0) }), let value = Double(text), value.isFinite else { return nil }
        return value
    }
}
