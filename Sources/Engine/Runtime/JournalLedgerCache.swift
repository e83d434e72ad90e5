import Backends
import Synchronization

/// The replayed ledgers of the venues and symbols read lately, so that a cost basis is not
/// replayed from its first execution on every read: a read replays only what was stored since.
///
/// Executions are only ever added (no fill and no imported execution is deleted or changed),
/// which is what makes this exact: a kept ledger is brought up to date with the executions
/// after the last one it replayed, provided the venue's count then says that nothing was added
/// before it (an import of older executions, a fill stamped earlier by another instance's
/// clock); otherwise the ledger is replayed again from the start. Holds at most `capacity`
/// ledgers, dropping the least recently read.
public final class JournalLedgerCache: Sendable {
    /// A ledger and where its replay stands.
    private struct Entry {
        var ledger: JournalLedger
        /// How many executions it replayed, and the last one.
        var count: Int
        var last: ExecutionCursor
        /// When it was last read, in reads of the cache.
        var used: UInt64
    }

    private struct State {
        var entries: [ExecutionLedgerKey: Entry] = [:]
        var reads: UInt64 = 0
        var fullReplays = 0
    }

    /// The most ledgers kept.
    public let capacity: Int
    private let state = Mutex(State())

    /// A cache keeping up to `capacity` ledgers.
    public init(capacity: Int = 64) {
        self.capacity = max(1, capacity)
    }

    /// How many reads replayed a ledger from its first execution (the others replayed only
    /// what was stored since, or nothing).
    public var fullReplays: Int { state.withLock { $0.fullReplays } }

    /// The ledger of `key` as stored now; nil when the venue has no executions of the symbol.
    public func ledger(_ key: ExecutionLedgerKey, backend: Backend) async throws(JournalFailure) -> JournalLedger? {
        if let kept = state.withLock({ $0.entries[key] }) {
            // The executions after the last one replayed, then the count: anything added
            // meanwhile, before or after that one, makes the two disagree.
            let (tail, count) = try await backend.journalRead { r throws(StorageError) in
                (try r.executions.history(key, after: kept.last), try r.executions.count(key))
            }
            if kept.count + tail.count == count {
                var ledger = kept.ledger
                for execution in tail {
                    do {
                        try ledger.apply(execution)
                    } catch {
                        throw .inconsistent(JournalReplayError(execution: execution, reason: error))
                    }
                }
                keep(key, Entry(ledger: ledger, count: count, last: tail.last.map(ExecutionCursor.init) ?? kept.last, used: 0))
                return ledger
            }
        }
        let history = try await backend.journalRead { r throws(StorageError) in try r.executions.history(key) }
        guard let last = history.last else { return nil }
        state.withLock { $0.fullReplays += 1 }
        let ledger: JournalLedger
        do {
            ledger = try JournalLedger.replay(history, exchange: key.exchange)
        } catch {
            throw .inconsistent(error)
        }
        keep(key, Entry(ledger: ledger, count: history.count, last: ExecutionCursor(last), used: 0))
        return ledger
    }

    /// Stores `entry` as the newest read, dropping the least recently read beyond capacity.
    private func keep(_ key: ExecutionLedgerKey, _ entry: Entry) {
        state.withLock { state in
            state.reads += 1
            var entry = entry
            entry.used = state.reads
            state.entries[key] = entry
            if state.entries.count > capacity, let oldest = state.entries.min(by: { $0.value.used < $1.value.used })?.key {
                state.entries.removeValue(forKey: oldest)
            }
        }
    }
}
