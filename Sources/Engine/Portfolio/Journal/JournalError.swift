import Primitives

/// Why a journal ledger refused an execution; the ledger is left as it was.
public enum JournalError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A spot venue sells no more than it holds: `selling` is more than `holding`.
    case oversold(holding: ExactDecimal, selling: ExactDecimal)
    /// A value the ledger cannot keep exactly: `field` is `quantity`, `price` or `fee`.
    case unsupported(field: String, reason: String)
    /// The venue's totals outgrew the ledger's 128-bit units.
    case overflow

    public var description: String {
        switch self {
        case .oversold(let holding, let selling): return "sells \(selling) while the venue holds \(holding)"
        case .unsupported(let field, let reason): return "\(field) \(reason)"
        case .overflow: return "the venue's totals are too large to keep exactly"
        }
    }
}
