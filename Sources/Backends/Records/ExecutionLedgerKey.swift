/// A venue and a symbol: the executions the journal replays as one FIFO ledger, since each
/// venue is an account of its own.
public struct ExecutionLedgerKey: Sendable, Hashable, Comparable {
    /// `paper`, `paper-margin`, or a broker's name.
    public var exchange: String
    /// The symbol in the orders' form (`BTC/USDT`, `005930`).
    public var symbol: String

    /// A ledger key.
    public init(exchange: String, symbol: String) {
        self.exchange = exchange
        self.symbol = symbol
    }

    /// By venue, then symbol, in code-point order.
    public static func < (lhs: ExecutionLedgerKey, rhs: ExecutionLedgerKey) -> Bool {
        (lhs.exchange, lhs.symbol) < (rhs.exchange, rhs.symbol)
    }
}
