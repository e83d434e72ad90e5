import Primitives

/// Loads candle series into the database in batches, reporting progress.
public struct CandleImporter: Sendable {
    /// A series to load.
    public struct Series: Sendable, Equatable {
        public var ticker: String
        public var market: String
        public var timeframe: String
        /// The file name inside the sample-data folder.
        public var file: String
        /// What `symbol_info` says about the symbol.
        public var name: String
        public var exchange: String?
        public var sector: String?

        public init(ticker: String, market: String, timeframe: String, file: String, name: String, exchange: String? = nil,
                    sector: String? = nil) {
            self.ticker = ticker
            self.market = market
            self.timeframe = timeframe
            self.file = file
            self.name = name
            self.exchange = exchange
            self.sector = sector
        }
    }

    /// The real candles shipped in `sample-data/` (see its README).
    public static let sampleSeries = [
        Series(ticker: "BTC-USD", market: "CRYPTO", timeframe: "1M", file: "BTCUSD.csv", name: "Bitcoin / US Dollar",
               sector: "Cryptocurrency"),
        Series(ticker: "EUR-USD", market: "FX", timeframe: "1h", file: "EURUSD.csv", name: "Euro / US Dollar", sector: "Currency"),
        Series(ticker: "GOOG", market: "US", timeframe: "1d", file: "GOOG.csv", name: "Alphabet Inc. Class C", exchange: "NASDAQ",
               sector: "Communication Services"),
    ]

    /// The settings key recording that the sample data was loaded once.
    public static let loadedKey = "sample_data_loaded"

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

    /// Loads the sample series from `folder` once per database; returns the series loaded now
    /// (none when they were loaded before or the folder is missing).
    public func loadSampleDataIfNeeded(folder: String, readFile: (String) -> String?) async throws -> [Series] {
        let loaded = try await backend.read { repositories throws(StorageError) in try repositories.settings.value(Self.loadedKey) }
        guard loaded == nil else { return [] }
        var done: [Series] = []
        for series in Self.sampleSeries {
            guard let text = readFile(folder + "/" + series.file) else { continue }
            let candles = try CandleCSV.parse(text)
            let symbol = SymbolRecord(ticker: series.ticker, market: series.market, name: series.name, exchange: series.exchange,
                                      sector: series.sector, updatedAt: Timestamp.nowMilliseconds())
            _ = try await backend.write { repositories throws(StorageError) in try repositories.symbols.upsert(symbol) }
            try await load(candles, ticker: series.ticker, market: series.market, timeframe: series.timeframe)
            done.append(series)
        }
        if !done.isEmpty {
            let names = done.map { "\"\($0.ticker)\"" }.joined(separator: ",")
            try await backend.write { repositories throws(StorageError) in
                try repositories.settings.set(Self.loadedKey, json: "[\(names)]", at: Timestamp.nowMilliseconds())
            }
        }
        return done
    }
}
