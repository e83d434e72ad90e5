/// A symbol whose demo history `HistoryLoader` stored, and whether its sample file was
/// missing (so it got a synthetic history instead), for the caller to report.
public struct LoadedHistory: Sendable, Equatable {
    /// The symbol in market form (`BTC-USDT`), as stored in `symbol_info`.
    public var ticker: String
    /// The market code (`CRYPTO`, `FX`, `US`, `KR`).
    public var market: String
    /// The sample file that was not there, or nil when the symbol got the history its
    /// source names.
    public var missingSample: String?

    public init(ticker: String, market: String, missingSample: String? = nil) {
        self.ticker = ticker
        self.market = market
        self.missingSample = missingSample
    }
}
