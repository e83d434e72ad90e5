import Primitives

/// Loads fundamentals into `symbol_fundamental` (`trading-server import-fundamentals`).
public struct FundamentalImporter: Sendable {
    let backend: Backend

    public init(backend: Backend) {
        self.backend = backend
    }

    /// Stores `records` in one transaction, so a failure writes nothing: each replaces every
    /// figure, the sector and the source stored before for its symbol (ticker and market);
    /// symbols the records do not name keep theirs. A symbol not yet in `symbol_info` is added
    /// (named by its ticker, with the record's sector), so its figures are not orphans that a
    /// cleanup would delete. Returns the symbols added that way, as `MARKET TICKER`.
    @discardableResult
    public func load(_ records: [FundamentalRecord]) async throws(StorageError) -> [String] {
        try await backend.write { repositories throws(StorageError) -> [String] in
            var added: [String] = []
            for record in records {
                if try repositories.symbols.find(ticker: record.ticker, market: record.market) == nil {
                    try repositories.symbols.upsert(SymbolRecord(ticker: record.ticker, market: record.market, name: record.ticker,
                                                                 sector: record.sector, updatedAt: record.updatedAt))
                    added.append(record.market + " " + record.ticker)
                }
                try repositories.fundamentals.upsert(record)
            }
            return added
        }
    }
}
