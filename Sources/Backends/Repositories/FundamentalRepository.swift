import Primitives

/// Fundamentals per symbol (`symbol_fundamental`), one row a symbol, replaced on refresh.
public struct FundamentalRepository {
    let connection: any SQLConnection
    private static let columns = """
        ticker, market, per, pbr, psr, roe, roa, operating_margin, net_margin, revenue_growth, earnings_growth, \
        dividend_yield, debt_ratio, market_cap, sector, source, updated_at
        """

    /// Stores a symbol's fundamentals, replacing every figure stored before (a figure now nil
    /// is cleared) and its sector and source.
    public func upsert(_ record: FundamentalRecord) throws(StorageError) {
        try insert(record, onConflict: """
            DO UPDATE SET per = excluded.per, pbr = excluded.pbr, psr = excluded.psr,
            roe = excluded.roe, roa = excluded.roa, operating_margin = excluded.operating_margin, net_margin = excluded.net_margin,
            revenue_growth = excluded.revenue_growth, earnings_growth = excluded.earnings_growth,
            dividend_yield = excluded.dividend_yield, debt_ratio = excluded.debt_ratio, market_cap = excluded.market_cap,
            sector = excluded.sector, source = excluded.source, updated_at = excluded.updated_at
            """)
    }

    /// Stores a symbol's fundamentals only when it has none yet; returns whether it did. The
    /// demo figures go in this way, so they never replace figures someone imported.
    public func insertIfAbsent(_ record: FundamentalRecord) throws(StorageError) -> Bool {
        try insert(record, onConflict: "DO NOTHING") == 1
    }

    @discardableResult
    private func insert(_ record: FundamentalRecord, onConflict action: String) throws(StorageError) -> Int {
        try connection.execute(
            """
            INSERT INTO symbol_fundamental (\(Self.columns))
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)
            ON CONFLICT (ticker, market) \(action)
            """,
            [record.ticker.sqlValue, record.market.sqlValue, record.per.sqlValue, record.pbr.sqlValue, record.psr.sqlValue,
             record.roe.sqlValue, record.roa.sqlValue, record.operatingMargin.sqlValue, record.netMargin.sqlValue,
             record.revenueGrowth.sqlValue, record.earningsGrowth.sqlValue, record.dividendYield.sqlValue,
             record.debtRatio.sqlValue, record.marketCap.sqlValue, record.sector.sqlValue, record.source.sqlValue,
             record.updatedAt.sqlValue])
    }

    /// The fundamentals of one symbol.
    public func find(ticker: String, market: String) throws(StorageError) -> FundamentalRecord? {
        try connection.query("SELECT \(Self.columns) FROM symbol_fundamental WHERE ticker = $1 AND market = $2", ticker, market)
            .first.map(FundamentalRecord.init)
    }

    /// Every symbol's fundamentals (of one market when given), by market and ticker.
    public func list(market: String? = nil) throws(StorageError) -> [FundamentalRecord] {
        var filter = SQLWhereClause()
        filter.require("market", "=", market)
        return try connection.query(
            """
            SELECT \(Self.columns) FROM symbol_fundamental\(filter.sql) \
            ORDER BY \(connection.bytewise("market")), \(connection.bytewise("ticker"))
            """, filter.parameters).map(FundamentalRecord.init)
    }
}

extension Repositories {
    /// Fundamental data per symbol.
    public var fundamentals: FundamentalRepository { FundamentalRepository(connection: connection) }
}
