import Backends
import Primitives

/// Fundamentals of the demo universe's stocks, stored once, marked `demo`
/// (`FundamentalSource.demo`), on a database's first start, so that the factors and the
/// screening presets that read fundamentals have figures to work on before anyone imports real
/// ones (`trading-server import-fundamentals`). Crypto and FX symbols have none.
///
/// The figures are ILLUSTRATIVE: round numbers of a plausible size for each company, NOT
/// reported figures, and must never be read as real ones. Percent figures are in percent;
/// the market capitalisation is in the market's currency (KRW, USD).
public enum DemoFundamentals {
    /// The settings key claimed when the demo fundamentals are stored, so that they are stored
    /// once per database (and not again after someone deletes them).
    public static let loadedKey = "demo_fundamentals_loaded"

    /// The figures by market-form ticker (illustrative, see the type's comment).
    private static let figures: [String: FundamentalRecord] = [
        "005930": figure("005930", "KR", sector: "Information Technology", per: 13.5, pbr: 0.95, psr: 1.6, roe: 9.0, roa: 6.5,
                         operatingMargin: 10.5, netMargin: 8.5, revenueGrowth: 12.0, earningsGrowth: 25.0, dividendYield: 3.2,
                         debtRatio: 27.0, marketCap: 430_000_000_000_000),
        "000660": figure("000660", "KR", sector: "Information Technology", per: 9.0, pbr: 2.0, psr: 2.5, roe: 25.0, roa: 14.0,
                         operatingMargin: 35.0, netMargin: 28.0, revenueGrowth: 60.0, earningsGrowth: 90.0, dividendYield: 0.8,
                         debtRatio: 55.0, marketCap: 130_000_000_000_000),
        "035720": figure("035720", "KR", sector: "Communication Services", per: 45.0, pbr: 2.1, psr: 2.4, roe: 3.0, roa: 1.5,
                         operatingMargin: 5.0, netMargin: 2.5, revenueGrowth: 4.0, earningsGrowth: -20.0, dividendYield: 0.1,
                         debtRatio: 70.0, marketCap: 18_000_000_000_000),
        "GOOG": figure("GOOG", "US", sector: "Communication Services", per: 24.0, pbr: 6.8, psr: 6.0, roe: 30.0, roa: 20.0,
                       operatingMargin: 32.0, netMargin: 27.0, revenueGrowth: 14.0, earningsGrowth: 30.0, dividendYield: 0.5,
                       debtRatio: 10.0, marketCap: 2_100_000_000_000),
    ]

    /// The demo fundamentals of the symbols of `universe` that have some, stamped `time`, by ticker.
    public static func records(for universe: SymbolUniverse, at time: Int) -> [FundamentalRecord] {
        universe.all.compactMap { spec in
            guard var record = figures[spec.key.marketForm], record.market == spec.market.rawValue else { return nil }
            record.updatedAt = time
            return record
        }
    }

    /// The sector the demo figures give `spec`; nil for a symbol without demo fundamentals.
    static func sector(of spec: SymbolSpec) -> String? {
        figures[spec.key.marketForm].flatMap { $0.market == spec.market.rawValue ? $0.sector : nil }
    }

    /// Stores `records` unless this database has had demo fundamentals (`loadedKey`, claimed
    /// only when there are some); a symbol that already has fundamentals (imported before the
    /// first start) keeps them. Returns the tickers stored.
    @discardableResult
    static func storeOnce(_ records: [FundamentalRecord], in repositories: Repositories, at time: Int) throws(StorageError) -> [String] {
        let tickers = "[" + records.map { JSONWriter.quoted($0.ticker) }.joined(separator: ",") + "]"
        guard !records.isEmpty, try repositories.settings.insertIfAbsent(loadedKey, json: "{\"tickers\":\(tickers)}", at: time) else {
            return []
        }
        var stored: [String] = []
        for record in records {
            if try repositories.fundamentals.insertIfAbsent(record) { stored.append(record.ticker) }
        }
        return stored
    }

    private static func figure(_ ticker: String, _ market: String, sector: String, per: Double, pbr: Double, psr: Double, roe: Double,
                               roa: Double, operatingMargin: Double, netMargin: Double, revenueGrowth: Double, earningsGrowth: Double,
                               dividendYield: Double, debtRatio: Double, marketCap: Int) -> FundamentalRecord {
        FundamentalRecord(ticker: ticker, market: market, per: per, pbr: pbr, psr: psr, roe: roe, roa: roa, operatingMargin: operatingMargin,
                          netMargin: netMargin, revenueGrowth: revenueGrowth, earningsGrowth: earningsGrowth, dividendYield: dividendYield,
                          debtRatio: debtRatio, marketCap: ExactDecimal(marketCap), sector: sector, source: FundamentalSource.demo,
                          updatedAt: 0)
    }
}
