import Primitives

/// One execution of an order as stored.
public struct FillRecord: Sendable, Equatable {
    /// The fill's id.
    public var id: String
    /// The order it executes.
    public var orderID: String
    /// The symbol traded.
    public var symbol: String
    /// `Buy` or `Sell`.
    public var side: String
    /// The quantity executed.
    public var quantity: ExactDecimal
    /// The execution price.
    public var price: ExactDecimal
    /// The fee paid, in the quote asset.
    public var fee: ExactDecimal
    /// `maker` or `taker`.
    public var liquidity: String
    /// The venue that executed it (`paper` for the paper exchange).
    public var exchange: String
    /// Epoch milliseconds.
    public var executedAt: Int

    /// A fill record.
    public init(id: String, orderID: String, symbol: String, side: String, quantity: ExactDecimal, price: ExactDecimal,
                fee: ExactDecimal = .zero, liquidity: String, exchange: String = "paper", executedAt: Int) {
        self.id = id
        self.orderID = orderID
        self.symbol = symbol
        self.side = side
        self.quantity = quantity
        self.price = price
        self.fee = fee
        self.liquidity = liquidity
        self.exchange = exchange
        self.executedAt = executedAt
    }

    init(row: SQLRow) throws(StorageError) {
        self.init(
            id: try row.string("id"), orderID: try row.string("order_id"), symbol: try row.string("symbol"),
            side: try row.string("side"), quantity: try row.decimal("quantity"), price: try row.decimal("price"),
            fee: try row.decimal("fee"), liquidity: try row.string("liquidity"), exchange: try row.string("exchange"),
            executedAt: try row.int("executed_at"))
    }
}
