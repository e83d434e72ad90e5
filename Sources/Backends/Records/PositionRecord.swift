import Primitives

/// An open position as stored: one per exchange, symbol and strategy.
public struct PositionRecord: Sendable, Equatable {
    /// The position's id.
    public var id: String
    /// The venue it is held on (`paper`, `binance`, …).
    public var exchange: String
    /// The symbol held.
    public var symbol: String
    /// The owning strategy; nil for manual positions (stored as `''` so that the unique key
    /// (exchange, symbol, strategy) also holds for them).
    public var strategyID: String?
    /// `Buy` (long) or `Sell` (short).
    public var side: String
    /// The open quantity.
    public var quantity: ExactDecimal
    /// The average price of the open quantity.
    public var entryPrice: ExactDecimal
    /// Profit or loss already closed.
    public var realizedPnl: ExactDecimal
    /// The leverage (1 for none).
    public var leverage: ExactDecimal
    /// Epoch milliseconds.
    public var openedAt: Int
    /// Epoch milliseconds of the last change.
    public var updatedAt: Int

    /// A position record; no realized PnL and leverage 1 unless given.
    public init(id: String, exchange: String, symbol: String, strategyID: String? = nil, side: String, quantity: ExactDecimal,
                entryPrice: ExactDecimal, realizedPnl: ExactDecimal = .zero, leverage: ExactDecimal = ExactDecimal(1),
                openedAt: Int, updatedAt: Int) {
        self.id = id
        self.exchange = exchange
        self.symbol = symbol
        self.strategyID = strategyID
        self.side = side
        self.quantity = quantity
        self.entryPrice = entryPrice
        self.realizedPnl = realizedPnl
        self.leverage = leverage
        self.openedAt = openedAt
        self.updatedAt = updatedAt
    }

    init(row: SQLRow) throws(StorageError) {
        let strategyID = try row.string("strategy_id")
        self.init(
            id: try row.string("id"), exchange: try row.string("exchange"), symbol: try row.string("symbol"),
            strategyID: strategyID.isEmpty ? nil : strategyID, side: try row.string("side"),
            quantity: try row.decimal("quantity"), entryPrice: try row.decimal("entry_price"),
            realizedPnl: try row.decimal("realized_pnl"), leverage: try row.decimal("leverage"),
            openedAt: try row.int("opened_at"), updatedAt: try row.int("updated_at"))
    }
}
