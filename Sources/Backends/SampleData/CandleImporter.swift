import Primitives

/// Loads candle series into the database in batches, reporting progress (`import-candles`).
public struct CandleImporter: Sendable {
    let backend: Backend
    /// Candles written per transaction.
    var batchSize = 50_000

    public init(backend: Backend) {
        self.backend = backend
    }

    /// Stores `candles` of one series (replacing any at the same times); `progress` gets the
    /// number written so far after each batch. A symbol not yet in `symbol_info` is added
    /// (named by its ticker), so its candles are not orphans that a cleanup would delete.
    public func load(_ candles: [CandleRecord], ticker: String, market: String, timeframe: String,
                     progress: @Sendable (Int) -> Void = { _ in }) async throws(StorageError) {
        try await backend.write { repositories throws(StorageError) in
            if try repositories.symbols.find(ticker: ticker, market: market) == nil {
                try repositories.symbols.upsert(SymbolRecord(ticker: ticker, market: market, name: ticker, updatedAt: Timestamp.nowMilliseconds()))
            }
        }
        var written = 0
        while written < candles.count {
            let end = min(candles.count, written + batchSize)
            let batch = Array(candles[written..<end])
            let last = end == candles.count
            try await backend.write { repositories throws(StorageError) in
                try repositories.candles.replace(ticker: ticker, market: market, timeframe: timeframe, candles: batch,
                                                 at: Timestamp.nowMilliseconds(), refreshingSummary: last)
            }
            written = end
            progress(written)
        }
    }
}
