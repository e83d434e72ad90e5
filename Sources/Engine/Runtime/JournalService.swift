import Backends
import Primitives

/// The trade journal (API.md "FIFO cost basis"): the executions of the paper exchange
/// (`fills`) and of brokers (`imported_executions`) listed, and replayed per venue and symbol
/// into FIFO ledgers for holdings and cost basis. Reads only: the database is the record, so
/// every instance serving the API answers alike; the ledgers read lately are kept and brought
/// up to date with what was stored since (`JournalLedgerCache`).
public final class JournalService: Sendable {
    private let market: MarketService
    private let backend: Backend
    private let ledgers: JournalLedgerCache

    /// The journal of `backend`, keeping up to `cachedLedgers` replayed ledgers.
    public init(market: MarketService, backend: Backend, cachedLedgers: Int = 64) {
        self.market = market
        self.backend = backend
        ledgers = JournalLedgerCache(capacity: cachedLedgers)
    }

    /// One page of the executions executed from the UTC date `from` through `to` (both
    /// inclusive, `YYYY-MM-DD`), of `symbol` (either form) and `side` when given; newest first,
    /// with how many match before pagination.
    public func executions(from: String?, to: String?, symbol: String?, side: OrderSide?, limit: Int, offset: Int)
        async throws(JournalFailure) -> (records: [ExecutionRecord], total: Int) {
        let start = try from.map { day throws(JournalFailure) in try Self.dayStart(day, field: "query.from") }
        let end = try to.map { day throws(JournalFailure) in try Self.dayStart(day, field: "query.to") + Self.day }
        if let start, let end, start >= end {
            throw .invalid(field: "query.from", reason: "is after to (\(to!))")
        }
        var filter = ExecutionFilter(from: start, to: end, side: side?.rawValue)
        if let symbol {
            guard let spec = market.resolve(symbol) else { throw .unknownSymbol(symbol) }
            filter.symbol = spec.key.orderForm
        }
        let query = filter
        return try await backend.journalRead { r throws(StorageError) in
            (try r.executions.page(query, limit: limit, offset: offset), try r.executions.count(query))
        }
    }

    /// Every venue's holding of each symbol with open lots, by venue then symbol, valued at
    /// the market's last prices.
    public func positions() async throws(JournalFailure) -> [JournalPositionView] {
        let keys = try await backend.journalRead { r throws(StorageError) in try r.executions.ledgers() }
        let snapshot = market.snapshot
        var views: [JournalPositionView] = []
        for key in keys {
            guard let ledger = try await ledgers.ledger(key, backend: backend), !ledger.isFlat else { continue }
            let spec = market.resolve(key.symbol)
            var view = JournalPositionView(key: key, name: spec?.name, ledger: ledger)
            if let spec, let last = snapshot.symbols[spec.key] {
                let price = spec.prices.decimal(last.price)
                if let valued = ledger.valued(at: price) {
                    view.currentPrice = price.normalized
                    view.marketValue = valued.marketValue
                    view.unrealizedPnl = valued.unrealizedPnl
                }
            }
            views.append(view)
        }
        return views
    }

    /// Replays the ledgers of every venue and symbol (as many as are kept), so that the first
    /// reads after a start find them kept rather than replay whole histories (a cost basis of
    /// 100,000 executions takes a few hundred milliseconds to replay, a few to bring up to date).
    public func warm() async throws(JournalFailure) {
        let keys = try await backend.journalRead { r throws(StorageError) in try r.executions.ledgers() }
        for key in keys.prefix(ledgers.capacity) { _ = try await ledgers.ledger(key, backend: backend) }
    }

    /// The FIFO ledger of `symbol` (either form) on `exchange`, and the symbol in the orders'
    /// form; `.noExecutions` when the venue has none of it.
    public func costBasis(symbol: String, exchange: String) async throws(JournalFailure) -> (key: ExecutionLedgerKey, ledger: JournalLedger) {
        guard let spec = market.resolve(symbol) else { throw .unknownSymbol(symbol) }
        let key = ExecutionLedgerKey(exchange: exchange, symbol: spec.key.orderForm)
        guard let ledger = try await ledgers.ledger(key, backend: backend) else { throw .noExecutions(key) }
        return (key, ledger)
    }

    // MARK: Support

    static let day = 86_400_000

    /// The start of a UTC day `YYYY-MM-DD`, epoch milliseconds.
    static func dayStart(_ text: String, field: String) throws(JournalFailure) -> Int {
        guard let (year, month, day) = CalendarDay.parse(text) else { throw .invalid(field: field, reason: "'\(text)' is not a date (YYYY-MM-DD)") }
        return CalendarDay.daysFromCivil(year, month, day) * Self.day
    }
}
