/// A position with every lot it holds: what the paper exchange writes when a position
/// changes (the lots replace the stored ones) and what it restores on start.
public struct PositionState: Sendable, Equatable {
    /// The position row.
    public var record: PositionRecord
    /// Its FIFO lots, oldest first; a short's lots have negative quantities.
    public var lots: [LotRecord]

    /// A position and its lots.
    public init(record: PositionRecord, lots: [LotRecord]) {
        self.record = record
        self.lots = lots
    }
}
