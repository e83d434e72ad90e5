import Backends
import Primitives

/// Where each symbol's live market starts, read from the database: the newest stored candle of
/// every interval gives the last price (the newest candle's close, the finest interval winning
/// a tie), and a candle whose bucket holds `now` goes on forming instead of starting over, so
/// a restart neither duplicates nor overlaps a candle.
public enum MarketStartup {
    /// The starts of every symbol of `universe`; `replay` gives the candles a symbol's feed
    /// replays (nil: synthetic feed), except for imported symbols, which replay their stored
    /// candles (`ImportedSymbols.replay`). A symbol with no stored candle starts from the last close
    /// it replays, else its synthetic start price, else 1 tick.
    public static func starts(universe: SymbolUniverse, backend: Backend, now: Int,
                              replay: @Sendable (SymbolSpec) -> ReplaySource?) async throws(StorageError) -> [SymbolStart] {
        var starts: [SymbolStart] = []
        for spec in universe.all {
            let latest = try await backend.read { repositories throws(StorageError) -> [(CandleInterval, CandleRecord)] in
                var found: [(CandleInterval, CandleRecord)] = []
                for interval in CandleInterval.allCases {
                    if let record = try repositories.candles.latest(ticker: spec.key.marketForm, market: spec.market.rawValue,
                                                                    timeframe: interval.rawValue) {
                        found.append((interval, record))
                    }
                }
                return found
            }
            var forming: [CandleInterval: Bar] = [:]
            var newest: (start: Int, price: Int64)?
            for (interval, record) in latest {
                guard let bar = Bar(record, prices: spec.prices, quantities: spec.quantities) else { continue }
                if interval.bucketStart(of: now) == bar.start { forming[interval] = bar }
                if newest == nil || bar.start > newest!.start { newest = (bar.start, bar.close) }
            }
            let source = spec.source.isImported ? try await ImportedSymbols.replay(spec, backend: backend) : replay(spec)
            var price = newest?.price ?? source?.bars.last?.close ?? 1
            if newest == nil, source == nil, case .synthetic(_, let startPrice, _) = spec.source { price = startPrice }
            starts.append(SymbolStart(spec: spec, price: price, forming: forming, replay: source))
        }
        return starts
    }
}
