/// A position with lots: what the paper exchange restores on start (every lot it holds) and
/// writes when a position changes (the lots opened or reduced since the last write; the
/// others stay as stored, and `ExchangeBatch.removedLotIDs` names those that closed).
public struct PositionState: Sendable, Equatable {
    /// The position row.
    public var record: PositionRecord
    /// Lots, oldest first; a short's lots have negative quantities.
    public var lots: [LotRecord]

    /// A position and its lots.
    public init(record: PositionRecord, lots: [LotRecord]) {
        self.record = record
        self.lots = lots
    }
}
