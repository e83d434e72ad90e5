/// How many rows one table lost in a maintenance operation.
public struct TableDeleteCount: Sendable, Equatable {
    /// The table (`ohlcv`, `symbol_info`, …).
    public var tableName: String
    /// Rows deleted from it; always more than zero in a reported count.
    public var deletedCount: Int

    /// A count of rows deleted from a table.
    public init(tableName: String, deletedCount: Int) {
        self.tableName = tableName
        self.deletedCount = deletedCount
    }
}
