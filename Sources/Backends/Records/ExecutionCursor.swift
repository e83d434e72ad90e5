/// Where an execution stands in the order a journal ledger replays a venue's history: by time,
/// within one millisecond buys (`Buy`) before sells (`Sell`), then by id in byte order.
public struct ExecutionCursor: Sendable, Equatable {
    /// Epoch milliseconds.
    public var executedAt: Int
    /// `Buy` or `Sell`.
    public var side: String
    public var id: String

    /// A cursor.
    public init(executedAt: Int, side: String, id: String) {
        self.executedAt = executedAt
        self.side = side
        self.id = id
    }

    /// The cursor of `execution`.
    public init(_ execution: ExecutionRecord) {
        self.init(executedAt: execution.executedAt, side: execution.side, id: execution.id)
    }
}
