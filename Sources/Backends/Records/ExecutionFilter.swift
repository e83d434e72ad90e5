/// Which executions a journal listing selects; a nil member selects everything.
public struct ExecutionFilter: Sendable, Equatable {
    /// Executed at or after, epoch milliseconds.
    public var from: Int?
    /// Executed before (exclusive), epoch milliseconds.
    public var to: Int?
    /// The symbol in the orders' form (`BTC/USDT`, `005930`).
    public var symbol: String?
    /// `Buy` or `Sell`.
    public var side: String?

    /// A filter; nothing filtered unless given.
    public init(from: Int? = nil, to: Int? = nil, symbol: String? = nil, side: String? = nil) {
        self.from = from
        self.to = to
        self.symbol = symbol
        self.side = side
    }
}
