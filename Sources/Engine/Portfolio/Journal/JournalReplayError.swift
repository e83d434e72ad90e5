import Backends

/// A stored or imported execution that a ledger refused while replaying a venue's history:
/// which one, and why.
public struct JournalReplayError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The execution refused.
    public var execution: ExecutionRecord
    /// Why.
    public var reason: JournalError

    public var description: String {
        "\(execution.exchange) \(execution.symbol): the \(execution.side.lowercased()) \(execution.id) \(reason)"
    }
}
