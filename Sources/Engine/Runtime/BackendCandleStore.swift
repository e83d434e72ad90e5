import Backends

/// Persists the engine's candles in the database: one transaction per batch, each candle
/// inserted or rewritten in place (a forming candle is written many times).
public struct BackendCandleStore: CandleStore {
    let backend: Backend
    let clock: any EngineClock

    public init(backend: Backend, clock: any EngineClock) {
        self.backend = backend
        self.clock = clock
    }

    public func store(_ writes: [CandleWrite]) async throws {
        let rows = writes.map { write in
            SeriesCandle(ticker: write.symbol.marketForm, market: write.market.rawValue, timeframe: write.interval.rawValue,
                         candle: write.bar.record(prices: write.prices, quantities: write.quantities))
        }
        let time = clock.now()
        try await backend.write { repositories throws(StorageError) in
            try repositories.candles.upsert(rows, at: time)
        }
    }
}
