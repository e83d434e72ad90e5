import Backends
import Primitives
import Synchronization

/// What the API layers see of the market: the symbol universe, the published snapshot, and
/// candles read from the database merged with the newest ones the engine holds (persistence
/// is write-behind, so the database may lag the engine by a flush). The snapshot comes from
/// this instance's engine, or, while another instance on the same database runs the engine,
/// from a `MarketMirror` of what it stored.
public final class MarketService: Sendable {
    /// Where the market comes from on this instance.
    public enum Source: Sendable {
        case engine(MarketEngine)
        case mirror(MarketMirror)
    }

    private let backend: Backend
    private let universe: Mutex<SymbolUniverse>
    private let source: Mutex<Source>

    public init(source: Source, backend: Backend, universe: SymbolUniverse) {
        self.source = Mutex(source)
        self.backend = backend
        self.universe = Mutex(universe)
    }

    /// This instance's engine; nil while another instance runs it.
    public var engine: MarketEngine? {
        if case .engine(let engine) = source.withLock({ $0 }) { return engine }
        return nil
    }

    /// Switches to `source` (a mirror whose instance took the engine lease now runs the engine).
    public func replace(with source: Source) {
        self.source.withLock { $0 = source }
    }

    /// The symbol `text` names in either form; nil for a symbol the market does not have.
    public func resolve(_ text: String) -> SymbolSpec? {
        universe.withLock { $0.resolve(text) }
    }

    /// Every symbol, in market-form order.
    public var symbols: [SymbolSpec] { universe.withLock { $0.all } }

    /// The market as last published.
    public var snapshot: MarketSnapshot {
        switch source.withLock({ $0 }) {
        case .engine(let engine): return engine.snapshot
        case .mirror(let mirror): return mirror.snapshot
        }
    }

    /// The version of `snapshot` (`MarketSnapshot.version`): it changes with every publication.
    public var snapshotVersion: UInt64 {
        switch source.withLock({ $0 }) {
        case .engine(let engine): return engine.snapshotVersion
        case .mirror(let mirror): return mirror.snapshotVersion
        }
    }

    /// Candles of `spec` at `interval` with `from ≤ start ≤ to`, oldest first: at most `limit`,
    /// the oldest ones of the range (`newest` false) or the newest (`newest` true). Stored
    /// candles and the engine's recent ones are merged by start, the engine's winning. Also
    /// says whether the range holds more candles than were returned.
    public func candles(_ spec: SymbolSpec, interval: CandleInterval, from: Int = .min, to: Int = .max, limit: Int,
                        newest: Bool) async throws(StorageError) -> (bars: [Bar], more: Bool) {
        let recent = (snapshot.symbols[spec.key]?.recent[interval] ?? []).filter { $0.start >= from && $0.start <= to }
        let fetch = limit + 1
        let records = try await backend.read { repositories throws(StorageError) in
            try repositories.candles.candles(ticker: spec.key.marketForm, market: spec.market.rawValue,
                                             timeframe: interval.rawValue, from: from, to: to, limit: fetch, newest: newest)
        }
        var merged: [Int: Bar] = [:]
        for record in records {
            if let bar = Bar(record, prices: spec.prices, quantities: spec.quantities) { merged[bar.start] = bar }
        }
        var stored = merged.keys.sorted()
        // Recent candles count only where the stored page reaches them, or nothing is cut.
        let reach = records.count < fetch ? (newest ? Int.min : Int.max) : (newest ? stored.first! : stored.last!)
        for bar in recent where newest ? bar.start >= reach : bar.start <= reach { merged[bar.start] = bar }
        stored = merged.keys.sorted()
        let more = stored.count > limit
        let chosen = newest ? stored.suffix(limit) : stored.prefix(limit)
        return (chosen.map { merged[$0]! }, more)
    }
}
