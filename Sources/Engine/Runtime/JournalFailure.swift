import Backends

/// Why a trade-journal request failed, for the API layer to map onto its error codes.
public enum JournalFailure: Error, Sendable, CustomStringConvertible {
    /// The market does not have the symbol (`MARKET_001`).
    case unknownSymbol(String)
    /// A field of the request is wrong (`VALIDATION_ERROR` naming it).
    case invalid(field: String, reason: String)
    /// The venue has no executions of the symbol (`NOT_FOUND`).
    case noExecutions(ExecutionLedgerKey)
    /// The stored executions of a venue cannot be replayed (a spot venue selling more than it
    /// bought): the data is at fault, not the request (`INTERNAL_ERROR`).
    case inconsistent(JournalReplayError)
    /// The database failed.
    case storage(StorageError)

    public var description: String {
        switch self {
        case .unknownSymbol(let symbol): return "Unknown symbol '\(symbol)'"
        case .invalid(let field, let reason): return "\(field): \(reason)"
        case .noExecutions(let key): return "No executions of \(key.symbol) on \(key.exchange)"
        case .inconsistent(let error): return "The stored executions cannot be replayed: \(error)"
        case .storage(let error): return "\(error)"
        }
    }
}

extension Backend {
    /// `read`, its storage failure reported as the journal's.
    func journalRead<Result: Sendable>(_ body: @escaping @Sendable (Repositories) throws(StorageError) -> Result)
        async throws(JournalFailure) -> Result {
        do {
            return try await read(body)
        } catch {
            throw .storage(error)
        }
    }
}
