import Backends
import Primitives

/// Symbols that joined through the database rather than the demo universe: an active
/// `symbol_info` entry with stored candles, of a known market (`trading-server
/// import-candles` makes both). The first time the market meets one it records, in the
/// settings table, the interval it replays (its finest stored series) and the time its live
/// feed started, so the live candles it adds later are never replayed as history.
public enum ImportedSymbols {
    /// The settings key of a joined symbol.
    static func key(_ ticker: String, _ market: String) -> String { "market_symbol:\(market):\(ticker)" }

    /// One symbol that joins: its entry, key and market, and the finest interval it has stored candles of.
    private struct Candidate {
        var record: SymbolRecord
        var key: SymbolKey
        var market: MarketKind
        var finest: CandleInterval
    }

    /// Every such symbol `known` does not hold, once each.
    private static func candidates(_ repositories: Repositories, known: SymbolUniverse) throws(StorageError) -> [Candidate] {
        let series = try repositories.candles.series()
        var found: [Candidate] = []
        for record in try repositories.symbols.list(activeOnly: true) {
            guard let market = MarketKind(rawValue: record.market), let key = SymbolKey(record.ticker),
                  known.resolve(record.ticker) == nil, !found.contains(where: { $0.key == key }) else { continue }
            let intervals = series.filter { $0.ticker == record.ticker && $0.market == record.market }
                .compactMap { CandleInterval(rawValue: $0.timeframe) }.sorted()
            guard let finest = intervals.first else { continue }
            found.append(Candidate(record: record, key: key, market: market, finest: finest))
        }
        return found
    }

    /// The keys of every such symbol `known` does not hold, without registering anything: what
    /// a server starting now would add to the market (`trading-server import-executions` checks
    /// symbols against them).
    public static func keys(backend: Backend, known: SymbolUniverse) async throws(StorageError) -> [SymbolKey] {
        try await backend.read { repositories throws(StorageError) in try candidates(repositories, known: known).map(\.key) }
    }

    /// The specs of every such symbol `known` does not hold, registering new ones at `now`.
    public static func discover(backend: Backend, known: SymbolUniverse, now: Int) async throws(StorageError) -> [SymbolSpec] {
        let found = try await backend.write { repositories throws(StorageError) -> [SymbolSpec] in
            var specs: [SymbolSpec] = []
            for candidate in try candidates(repositories, known: known) {
                let (record, key, market, finest) = (candidate.record, candidate.key, candidate.market, candidate.finest)
                let registered = try repositories.settings.value(Self.key(record.ticker, record.market)).flatMap(Registration.init(json:))
                let registration = registered ?? Registration(interval: finest, liveStart: now)
                if registered == nil {
                    try repositories.settings.set(Self.key(record.ticker, record.market), json: registration.json, at: now)
                }
                let sample = try repositories.candles.candles(ticker: record.ticker, market: record.market,
                                                              timeframe: registration.interval.rawValue, to: registration.liveStart - 1,
                                                              limit: 200, newest: true)
                let prices = sample.flatMap { [$0.open, $0.high, $0.low, $0.close] }.map(\.scale).max() ?? 2
                let quantities = sample.map(\.volume.scale).max() ?? 0
                specs.append(SymbolSpec(key: key, name: record.name ?? record.ticker, market: market,
                                        prices: UnitScale(digits: min(8, prices)), quantities: UnitScale(digits: min(8, quantities)),
                                        source: .imported(interval: registration.interval, liveStart: registration.liveStart)))
            }
            return specs
        }
        return found
    }

    /// The candles an imported symbol's feed replays: up to `limit` of its stored series older
    /// than its live start.
    public static func replay(_ spec: SymbolSpec, backend: Backend, limit: Int = 20_000) async throws(StorageError) -> ReplaySource? {
        guard case .imported(let interval, let liveStart) = spec.source else { return nil }
        let records = try await backend.read { repositories throws(StorageError) in
            try repositories.candles.candles(ticker: spec.key.marketForm, market: spec.market.rawValue, timeframe: interval.rawValue,
                                             to: liveStart - 1, limit: limit, newest: true)
        }
        let bars = records.compactMap { Bar($0, prices: spec.prices, quantities: spec.quantities) }
        return bars.isEmpty ? nil : ReplaySource(interval: interval, bars: bars)
    }

    /// What the settings table records of a joined symbol: `{"interval":"1d","live_start":…}`.
    struct Registration {
        var interval: CandleInterval
        var liveStart: Int

        init(interval: CandleInterval, liveStart: Int) {
            self.interval = interval
            self.liveStart = liveStart
        }

        init?(json: String) {
            guard case .object(let members)? = try? JSONParser.parse(Array(json.utf8)),
                  case .string(let name)? = members.first(where: { $0.key == "interval" })?.value,
                  let interval = CandleInterval(rawValue: name),
                  case .number(let start)? = members.first(where: { $0.key == "live_start" })?.value,
                  let liveStart = Int(start) else { return nil }
            self.init(interval: interval, liveStart: liveStart)
        }

        var json: String { "{\"interval\":\"\(interval.rawValue)\",\"live_start\":\(liveStart)}" }
    }
}
