import Backends

/// A source of market data outside the server: the symbol list of a market and the candles
/// of a series. The CSV folder of `CSVFolderProvider` and the HTTP service of the Connectors'
/// `HTTPMarketDataProvider` implement it; `SymbolSync` and `DatasetJobs` use it.
///
/// Implementations check what they return (`ProviderCandles.checked`): candles of the asked
/// series only, oldest first, one a bucket, consistent OHLC. Anything else is a
/// `ProviderError`, never a crash.
public protocol MarketDataProvider: Sendable {
    /// A short name for answers and logs (`csv`, `http`).
    var name: String { get }

    /// Every symbol the provider lists, of `market` when given.
    func symbols(market: MarketKind?) async throws(ProviderError) -> [ProviderSymbol]

    /// The candles of one series in the request's time range, oldest first.
    func candles(_ request: CandleRequest) async throws(ProviderError) -> [CandleRecord]
}
