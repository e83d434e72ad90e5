/// An execution loaded from a broker's file, as `imported_executions` stores it: the
/// execution (without an order) and the key that makes loading it again add nothing.
public struct ImportedExecutionRecord: Sendable, Equatable {
    /// The execution; its `orderID` is not stored.
    public var execution: ExecutionRecord
    /// Unique among imported executions: the venue with the broker's execution id, or the
    /// line's values with their occurrence in the file.
    public var importKey: String
    /// When it was imported, epoch milliseconds.
    public var importedAt: Int

    /// An imported execution record.
    public init(execution: ExecutionRecord, importKey: String, importedAt: Int) {
        self.execution = execution
        self.importKey = importKey
        self.importedAt = importedAt
    }
}
