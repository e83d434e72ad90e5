/// An entry of the symbol list (`symbol_info`) with its collection health.
public struct SymbolRecord: Sendable, Equatable {
    /// Exchange ticker, e.g. `005930`, `AAPL` or `BTC/USDT`.
    public var ticker: String
    /// Market code: `KR`, `US`, `CRYPTO` or `FX`.
    public var market: String
    /// Display name, e.g. `삼성전자`; nil when the provider gave none.
    public var name: String?
    /// Listing exchange, e.g. `KOSPI`.
    public var exchange: String?
    /// Sector, e.g. `반도체`.
    public var sector: String?
    /// False once collection failed `SymbolRepository.deactivationThreshold` times in a row
    /// (stored as status `active` or `inactive`).
    public var isActive: Bool
    /// Collection failures since the last success or reactivation.
    public var consecutiveFailures: Int
    /// The message of the most recent failure; kept after a success or a reactivation.
    public var lastError: String?
    /// When the most recent failure happened (epoch ms); kept like `lastError`.
    public var lastFailedAt: Int?
    /// When any column of the entry last changed (epoch ms).
    public var updatedAt: Int

    /// An entry; a new symbol is active and has no failures.
    public init(ticker: String, market: String, name: String? = nil, exchange: String? = nil, sector: String? = nil,
                isActive: Bool = true, consecutiveFailures: Int = 0, lastError: String? = nil, lastFailedAt: Int? = nil,
                updatedAt: Int) {
        self.ticker = ticker
        self.market = market
        self.name = name
        self.exchange = exchange
        self.sector = sector
        self.isActive = isActive
        self.consecutiveFailures = consecutiveFailures
        self.lastError = lastError
        self.lastFailedAt = lastFailedAt
        self.updatedAt = updatedAt
    }

    init(row: SQLRow) throws(StorageError) {
        self.init(
            ticker: try row.string("ticker"), market: try row.string("market"), name: row.optionalString("name"),
            exchange: row.optionalString("exchange"), sector: row.optionalString("sector"),
            isActive: try row.string("status") == SymbolRepository.activeStatus,
            consecutiveFailures: try row.int("consecutive_failures"), lastError: row.optionalString("last_error"),
            lastFailedAt: try row.optionalInt("last_failed_at"), updatedAt: try row.int("updated_at"))
    }
}
