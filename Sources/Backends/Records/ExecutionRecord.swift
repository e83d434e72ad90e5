import Primitives

/// One execution of the trade journal: a fill of the paper exchange (`fills`, with the order
/// that made it) or one loaded from a broker (`imported_executions`, no order).
public struct ExecutionRecord: Sendable, Equatable {
    /// The fill's id, or the id the import gave the execution.
    public var id: String
    /// The order that produced it; nil for an imported execution.
    public var orderID: String?
    /// The symbol in the orders' form (`BTC/USDT`, `005930`).
    public var symbol: String
    /// `Buy` or `Sell`.
    public var side: String
    /// The quantity executed (> 0).
    public var quantity: ExactDecimal
    /// The execution price.
    public var price: ExactDecimal
    /// The fee paid, in the price's currency.
    public var fee: ExactDecimal
    /// The venue: `paper`, `paper-margin`, or a broker's name for an imported one.
    public var exchange: String
    /// Epoch milliseconds.
    public var executedAt: Int

    /// An execution record.
    public init(id: String, orderID: String?, symbol: String, side: String, quantity: ExactDecimal, price: ExactDecimal,
                fee: ExactDecimal, exchange: String, executedAt: Int) {
        self.id = id
        self.orderID = orderID
        self.symbol = symbol
        self.side = side
        self.quantity = quantity
        self.price = price
        self.fee = fee
        self.exchange = exchange
        self.executedAt = executedAt
    }

    init(row: SQLRow) throws(StorageError) {
        self.init(id: try row.string("id"), orderID: row.optionalString("order_id"), symbol: try row.string("symbol"),
                  side: try row.string("side"), quantity: try row.decimal("quantity"), price: try row.decimal("price"),
                  fee: try row.decimal("fee"), exchange: try row.string("exchange"), executedAt: try row.int("executed_at"))
    }
}
