import Backends
import Primitives
import Synchronization

/// Loads a broker's executions into the trade journal (`trading-server import-executions`),
/// all or nothing: one transaction adds the executions whose import key is new, then replays
/// every venue and symbol the file touches, stored executions and the file's together in time
/// order; a value a ledger cannot keep exactly, or a sell of more than the venue holds at that
/// point, refuses the whole file, naming its line.
public struct ExecutionImporter: Sendable {
    let backend: Backend

    public init(backend: Backend) {
        self.backend = backend
    }

    /// What an import did.
    public struct Outcome: Sendable, Equatable {
        /// Executions stored now.
        public var added: Int
        /// Lines whose execution was stored before (by an earlier import of them).
        public var present: Int
    }

    /// Why an import stored nothing.
    public enum Failure: Error, Sendable, Equatable, CustomStringConvertible {
        /// A line of the file is at fault.
        case line(CSVLineError)
        /// The database failed.
        case storage(StorageError)

        public var description: String {
            switch self {
            case .line(let error): return error.description
            case .storage(let error): return "\(error)"
            }
        }
    }

    /// Stores `lines` (an `ExecutionCSV` file) in one transaction.
    public func load(_ lines: [ExecutionCSV.Line]) async throws(Failure) -> Outcome {
        for line in lines {
            let execution = line.record.execution
            do {
                _ = try JournalLedger.units(quantity: execution.quantity, price: execution.price, fee: execution.fee)
            } catch {
                throw .line(Self.fault(error, line: line.number))
            }
        }
        let records = lines.map(\.record)
        let lineOfID = Dictionary(lines.map { ($0.record.execution.id, $0.number) }, uniquingKeysWith: { first, _ in first })
        let ledgers = Set(records.map { ExecutionLedgerKey(exchange: $0.execution.exchange, symbol: $0.execution.symbol) }).sorted()
        // A refusal found inside the transaction is kept here, and the transaction is rolled
        // back by throwing: the write's closure can throw storage errors only.
        let refusal = Mutex<CSVLineError?>(nil)
        do throws(StorageError) {
            let added = try await backend.write { r throws(StorageError) -> Int in
                let added = try r.executions.insertImported(records)
                for key in ledgers {
                    let history = try r.executions.history(key)
                    do throws(JournalReplayError) {
                        _ = try JournalLedger.replay(history, exchange: key.exchange)
                    } catch {
                        refusal.withLock { $0 = Self.fault(error, in: history, lineOfID: lineOfID) }
                        throw StorageError.failed(message: "the import was refused", statement: "")
                    }
                }
                return added
            }
            return Outcome(added: added, present: lines.count - added)
        } catch {
            if let fault = refusal.withLock({ $0 }) { throw .line(fault) }
            throw .storage(error)
        }
    }

    /// A ledger's refusal of a line's values, as the line's fault in the column at fault.
    static func fault(_ error: JournalError, line: Int) -> CSVLineError {
        switch error {
        case .unsupported(let field, let reason): return CSVLineError(line: line, column: field, reason: reason)
        case .oversold, .overflow: return CSVLineError(line: line, column: nil, reason: error.description)
        }
    }

    /// The line to blame for a replay refused at `error.execution`: its own line when the file
    /// brought it; else (a stored sell that the file's sells before it left short) the last
    /// sell of the file before it.
    static func fault(_ error: JournalReplayError, in history: [ExecutionRecord], lineOfID: [String: Int]) -> CSVLineError {
        let execution = error.execution
        let at = Timestamp.iso8601(epochMilliseconds: execution.executedAt)
        if let line = lineOfID[execution.id] {
            if case .oversold = error.reason {
                return CSVLineError(line: line, column: nil, reason: "the \(execution.side.lowercased()) of \(execution.symbol) on "
                                    + "\(execution.exchange) at \(at) \(error.reason), counting the executions before it")
            }
            return fault(error.reason, line: line)
        }
        let index = history.firstIndex { $0.id == execution.id } ?? history.endIndex
        let culprit = history[..<index].last { $0.side == OrderSide.sell.rawValue && lineOfID[$0.id] != nil }
        let line = culprit.flatMap { lineOfID[$0.id] } ?? lineOfID.values.min() ?? 1
        return CSVLineError(line: line, column: nil, reason: "after this sell, the stored \(execution.side.lowercased()) \(execution.id) of "
                            + "\(execution.symbol) on \(execution.exchange) at \(at) \(error.reason)")
    }
}
