import Backends
import Primitives

/// Stores the demo history of a universe on a database's first start: for every symbol its
/// `symbol_info` row and every series of its `DemoHistory`, marked real or synthetic in
/// `ohlcv_metadata`. Everything, and the settings entry recording it (`loadedKey`), is
/// written in one transaction through the bulk path (`CandleRepository.replace`), so a start
/// that dies half-way leaves nothing and the next start loads again, and of several
/// instances starting together on one PostgreSQL exactly one loads (the entry is claimed
/// first; the others wait for it and find it taken).
/// The universe's `DemoFundamentals` are stored in the same transaction, marked demo; a
/// database whose history was loaded before they existed gets them on its next start, once.
public struct HistoryLoader: Sendable {
    /// The settings key recording the load: `{"first_start": ms, "tickers": [...]}`.
    public static let loadedKey = "demo_history_loaded"

    let backend: Backend

    public init(backend: Backend) {
        self.backend = backend
    }

    /// Loads the universe's demo history unless this database has it already; returns the
    /// symbols loaded now (none on later starts). `now` (epoch ms, from the engine's clock)
    /// becomes the database's first start: synthetic histories end the day before it. A
    /// symbol whose sample file is missing gets `DemoHistory.fallbackSource` instead, which
    /// its entry in the result says.
    /// - Throws: `HistoryError` for a bad sample file, `StorageError` when storing fails.
    public func loadIfNeeded(universe: SymbolUniverse, sampleFolder: String, now: Int) async throws -> [LoadedHistory] {
        let fundamentals = DemoFundamentals.records(for: universe, at: now)
        guard try await firstStart() == nil else {
            try await backend.write { repositories throws(StorageError) in
                try DemoFundamentals.storeOnce(fundamentals, in: repositories, at: now)
            }
            return []
        }
        var histories: [SymbolHistory] = []
        var loaded: [LoadedHistory] = []
        for spec in universe.all {
            let (history, missingSample) = try Self.history(of: spec, sampleFolder: sampleFolder, firstStart: now)
            histories.append(history)
            loaded.append(LoadedHistory(ticker: spec.key.marketForm, market: spec.market.rawValue, missingSample: missingSample))
        }
        let record = "{\"first_start\":\(now),\"tickers\":[" + loaded.map { JSONWriter.quoted($0.ticker) }.joined(separator: ",") + "]}"
        let stored = try await backend.write { [histories] repositories throws(StorageError) -> Bool in
            guard try repositories.settings.insertIfAbsent(Self.loadedKey, json: record, at: now) else { return false }
            for history in histories { try Self.store(history, in: repositories, at: now) }
            try DemoFundamentals.storeOnce(fundamentals, in: repositories, at: now)
            return true
        }
        return stored ? loaded : []
    }

    /// When this database first started (epoch ms) as the load recorded it; nil before the
    /// first load. The engine rebuilds the same histories from it on every start.
    public func firstStart() async throws(StorageError) -> Int? {
        let value = try await backend.read { repositories throws(StorageError) in try repositories.settings.value(Self.loadedKey) }
        guard let value else { return nil }
        guard let start = (try? JSONParser.parse(value))?["first_start"]?.integer else {
            throw .decoding(column: "settings.value of \(Self.loadedKey)", reason: "has no integer first_start: \(value)")
        }
        return start
    }

    /// The history of `spec`, or its fallback history and the missing file's path.
    private static func history(of spec: SymbolSpec, sampleFolder: String,
                                firstStart: Int) throws(HistoryError) -> (SymbolHistory, missingSample: String?) {
        do {
            return (try DemoHistory.history(for: spec, sampleFolder: sampleFolder, firstStart: firstStart), nil)
        } catch {
            guard case .missingFile(let path) = error else { throw error }
            var fallback = spec
            fallback.source = DemoHistory.fallbackSource(for: spec)
            return (try DemoHistory.history(for: fallback, sampleFolder: sampleFolder, firstStart: firstStart), path)
        }
    }

    private static func store(_ history: SymbolHistory, in repositories: Repositories, at time: Int) throws(StorageError) {
        let spec = history.spec
        let ticker = spec.key.marketForm, market = spec.market.rawValue
        try repositories.symbols.upsert(SymbolRecord(ticker: ticker, market: market, name: spec.name, sector: sector(of: spec),
                                                     updatedAt: time))
        for (interval, bars) in history.series.sorted(by: { $0.key < $1.key }) {
            try repositories.candles.replace(
                ticker: ticker, market: market, timeframe: interval.rawValue,
                candles: bars.map { $0.record(prices: spec.prices, quantities: spec.quantities) }, at: time,
                source: history.synthetic.contains(interval) ? CandleSource.synthetic : CandleSource.real)
        }
    }

    /// The sector a whole market shares, or for a stock the one its demo fundamentals give.
    private static func sector(of spec: SymbolSpec) -> String? {
        switch spec.market {
        case .crypto: return "Cryptocurrency"
        case .fx: return "Currency"
        case .kr, .us: return DemoFundamentals.sector(of: spec)
        }
    }
}
