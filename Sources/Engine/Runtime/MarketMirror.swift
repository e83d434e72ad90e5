import Backends
import Primitives
import Synchronization

/// The market of an instance that does not run the engine (another instance on the same
/// database holds the engine lease): every `interval` it reads the newest stored candles of
/// each symbol — written by the engine's write-behind persistence — and publishes a snapshot
/// and the stream updates from them. The price is the newest candle's close; the 24-hour
/// figures come from the hourly candles of the last day; the book is made around the price
/// as the engine makes it. It lags the engine by its persistence delay plus `interval`.
public final class MarketMirror: Sendable {
    private let backend: Backend
    private let symbols: [SymbolSpec]
    private let book: BookShape
    private let clock: any EngineClock
    private let sink: (any MarketUpdateSink)?
    private let published = Mutex(MarketSnapshot())

    public init(backend: Backend, symbols: [SymbolSpec], book: BookShape, clock: any EngineClock, sink: (any MarketUpdateSink)?) {
        self.backend = backend
        self.symbols = symbols
        self.book = book
        self.clock = clock
        self.sink = sink
    }

    /// The market as last read.
    public var snapshot: MarketSnapshot { published.withLock { $0 } }

    /// The published snapshot's `version`, without copying it.
    public var snapshotVersion: UInt64 { published.withLock { $0.version } }

    /// Reads the database once, publishes the new snapshot and tells the sink what moved.
    public func refresh() async throws(StorageError) {
        let now = clock.now()
        let previous = snapshot
        var next = MarketSnapshot(time: now)
        let stored = try await read(now: now)
        for (spec, candles) in zip(symbols, stored) {
            guard let symbol = snapshot(spec, candles, now: now) else { continue }
            next.symbols[spec.key] = symbol
            guard let sink, previous.symbols[spec.key].map({ $0.price != symbol.price || $0.time != symbol.time }) ?? true else {
                continue
            }
            sink.ticker(symbol)
            for (interval, bars) in symbol.recent.sorted(by: { $0.key < $1.key }) {
                if let last = bars.last { sink.kline(spec, interval, last, closed: false) }
            }
            sink.book(spec, symbol.book, time: now)
        }
        let result = next.published()
        published.withLock { $0 = result }
    }

    /// The newest stored candles of every symbol and interval (the last day of hourly ones), in
    /// one read of the database.
    private func read(now: Int) async throws(StorageError) -> [[(CandleInterval, [CandleRecord])]] {
        let symbols = symbols
        return try await backend.read { repositories throws(StorageError) in
            var all: [[(CandleInterval, [CandleRecord])]] = []
            for spec in symbols {
                var found: [(CandleInterval, [CandleRecord])] = []
                for interval in CandleInterval.allCases {
                    let from = interval == .hour1 ? now - 86_400_000 : Int.min
                    let limit = interval == .hour1 ? 25 : SymbolMarket.recentClosed + 1
                    found.append((interval, try repositories.candles.candles(
                        ticker: spec.key.marketForm, market: spec.market.rawValue, timeframe: interval.rawValue, from: from, limit: limit,
                        newest: true)))
                }
                all.append(found)
            }
            return all
        }
    }

    /// A symbol as its stored candles show it.
    private func snapshot(_ spec: SymbolSpec, _ stored: [(CandleInterval, [CandleRecord])], now: Int) -> SymbolSnapshot? {
        var recent: [CandleInterval: [Bar]] = [:]
        var newest: Bar?
        var day: [Bar] = []
        for (interval, records) in stored {
            let bars = records.compactMap { Bar($0, prices: spec.prices, quantities: spec.quantities) }
            if interval == .hour1 { day = bars }
            recent[interval] = Array(bars.suffix(SymbolMarket.recentClosed + 1))
            if let last = bars.last, newest == nil || last.start > newest!.start { newest = last }
        }
        guard let newest else { return nil }
        let price = newest.close
        let reference = day.first?.open ?? price
        var random = SymbolMarket.bookRandom(of: spec)
        let change = Int64(((Double(price - reference) / Double(max(1, reference))) * 10_000).rounded())
        return SymbolSnapshot(
            spec: spec, price: price, time: min(now, newest.start), changeHundredths: change,
            volume24h: day.reduce(0) { $0 &+ $1.volume }, high24h: day.map(\.high).max() ?? price,
            low24h: day.map(\.low).min() ?? price, book: L2Book.synthetic(around: price, book.depth(for: spec, at: price), random: &random),
            recent: recent, events: 0, replaysHistory: !spec.source.isSynthetic)
    }
}
