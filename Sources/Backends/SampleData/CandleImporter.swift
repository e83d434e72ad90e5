/// Loads candle series into the database in batches, reporting progress.
public struct CandleImporter: Sendable {
    /// A series to load.
    public struct Series: Sendable, Equatable {
        public var ticker: String
        public var market: String
        public var timeframe: String
        /// The file name inside the sample-data folder.
        public var file: String

        public init(ticker: String, market: String, timeframe: String, file: String) {
            self.ticker = ticker
            self.market = market
            self.timeframe = timeframe
            self.file = file
        }
    }

    /// The real candles shipped in `sample-data/` (see its README).
    public static let sampleSeries = [
        Series(ticker: "BTC-USD", market: "CRYPTO", timeframe: "1M", file: "BTCUSD.csv"),
        Series(ticker: "EUR-USD", market: "FX", timeframe: "1h", file: "EURUSD.csv"),
        Series(ticker: "GOOG", market: "US", timeframe: "1d", file: "GOOG.csv"),
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
    /// number written so far after each batch.
    public func load(_ candles: [CandleRecord], ticker: String, market: String, timeframe: String,
                     progress: @Sendable (Int) -> Void = { _ in }) async throws(StorageError) {
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
