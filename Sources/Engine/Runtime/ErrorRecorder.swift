import Backends
import Primitives
import Synchronization

/// How bad a recorded error is (`error_log.severity`).
public enum ErrorSeverity: String, Sendable, CaseIterable {
    case critical, error, warning
}

/// Which subsystem a recorded error comes from (`error_log.category`, the API's `ErrorCategory`).
public enum ErrorLogCategory: String, Sendable, CaseIterable {
    case database, exchange, strategy, provider, system
}

/// How long recorded errors are kept and how many.
public struct ErrorRetention: Sendable, Equatable {
    /// Errors older than this many days are pruned.
    public var days: Int
    /// At most this many errors are kept; the oldest go first.
    public var maxRows: Int

    public init(days: Int = 30, maxRows: Int = 100_000) {
        self.days = days
        self.maxRows = maxRows
    }
}

/// Records errors of every subsystem in `error_log` without making the caller wait: `record`
/// only queues (a bounded queue; when full the oldest queued error is dropped and counted),
/// and `run` writes the queue in one transaction a batch. A write that fails (the database is
/// down) keeps the batch queued and tries again, so errors are not lost while the database is
/// away for a while; the failure itself is recorded as a `database` error once the database
/// is back. `prune` keeps the log bounded by age and count.
public final class ErrorRecorder: Sendable {
    private struct State {
        var queue: [ErrorLogRecord] = []
        var dropped = 0
        var recorded = 0
        var suppressed = 0
        /// When each coalesced message was last recorded.
        var lastSeen: [String: Int] = [:]
        var waiter: CheckedContinuation<Void, Never>?
        var identifiers: IdentifierSource
        /// The first write failure of a streak, recorded once the database answers again.
        var outage: (message: String, since: Int, failures: Int)?
    }

    private let backend: Backend
    private let clock: any EngineClock
    private let capacity: Int
    public let retention: ErrorRetention
    private let state: Mutex<State>
    private let observers = Mutex<[@Sendable (ErrorLogRecord) -> Void]>([])

    /// A recorder writing to `backend`; `capacity` bounds the errors waiting to be written.
    public init(backend: Backend, clock: any EngineClock = SystemClock(), retention: ErrorRetention = ErrorRetention(),
                capacity: Int = 10_000, seed: UInt64 = UInt64.random(in: .min ... .max)) {
        self.backend = backend
        self.clock = clock
        self.retention = retention
        self.capacity = max(1, capacity)
        state = Mutex(State(identifiers: IdentifierSource(seed: seed)))
    }

    /// Queues an error; returns at once. Observers (the notifier) see it now. With
    /// `coalescing`, the same severity, category and message recorded again within that many
    /// ms is only counted (`counts.suppressed`): a failure that repeats every retry, such as a
    /// database that is down, makes one record a window instead of a flood.
    public func record(_ severity: ErrorSeverity, _ category: ErrorLogCategory, _ message: String, details: JSONValue? = nil,
                       coalescing window: Int? = nil) {
        let now = clock.now()
        let record = state.withLock { state -> ErrorLogRecord? in
            if let window {
                let key = "\(severity.rawValue)|\(category.rawValue)|\(message)"
                if let last = state.lastSeen[key], now - last < window {
                    state.suppressed += 1
                    return nil
                }
                if state.lastSeen.count >= 10_000 { state.lastSeen.removeAll(keepingCapacity: true) }
                state.lastSeen[key] = now
            }
            let record = ErrorLogRecord(id: state.identifiers.next().description, severity: severity.rawValue, category: category.rawValue,
                                        message: message, details: details?.text, createdAt: now)
            enqueue(record, into: &state)
            return record
        }
        guard let record else { return }
        wake()
        published([record])
    }

    /// Errors written by someone else (the engine writes a strategy's errors with the batch
    /// that caused them) shown to the observers.
    public func published(_ records: [ErrorLogRecord]) {
        guard !records.isEmpty else { return }
        let observers = observers.withLock { $0 }
        for record in records {
            for observer in observers { observer(record) }
        }
    }

    /// Calls `observer` with every error recorded from now on (it must return quickly).
    public func observe(_ observer: @escaping @Sendable (ErrorLogRecord) -> Void) {
        observers.withLock { $0.append(observer) }
    }

    /// Errors recorded since the start, dropped because the queue was full, waiting to be
    /// written, and coalesced into an earlier record.
    public var counts: (recorded: Int, dropped: Int, queued: Int, suppressed: Int) {
        state.withLock { ($0.recorded, $0.dropped, $0.queue.count, $0.suppressed) }
    }

    /// Writes what is queued, in one transaction. On failure the records stay queued (oldest
    /// dropped past the capacity) and the error is thrown.
    public func flush() async throws(StorageError) {
        // The queued errors, and the record of an outage the database is back from (made
        // afresh from `outage` at each attempt, so a failed attempt keeps only the queued ones).
        let (queued, outageRecord) = state.withLock { state -> ([ErrorLogRecord], ErrorLogRecord?) in
            let queued = state.queue
            state.queue.removeAll()
            guard let outage = state.outage else { return (queued, nil) }
            let seconds = max(0, (clock.now() - outage.since) / 1000)
            return (queued, ErrorLogRecord(
                id: state.identifiers.next().description, severity: ErrorSeverity.critical.rawValue, category: ErrorLogCategory.database.rawValue,
                message: "The database refused writes for \(seconds) s (\(outage.failures) attempts): \(outage.message)",
                details: JSONValue.object([JSONMember("failures", .number(String(outage.failures))),
                                           JSONMember("since", .string(Timestamp.iso8601(epochMilliseconds: outage.since)))]).text,
                createdAt: clock.now()))
        }
        let batch = (outageRecord.map { [$0] } ?? []) + queued
        guard !batch.isEmpty else { return }
        do throws(StorageError) {
            try await backend.write { repositories throws(StorageError) in
                for record in batch { try repositories.errorLog.insert(record) }
            }
            state.withLock { $0.outage = nil }
        } catch {
            let now = clock.now()
            state.withLock { state in
                let pending = state.queue
                state.queue = []
                for record in queued + pending { enqueue(record, into: &state, counting: false) }
                if var outage = state.outage {
                    outage.failures += 1
                    state.outage = outage
                } else {
                    state.outage = ("\(error)", now, 1)
                }
            }
            throw error
        }
    }

    /// Deletes errors older than the retention and the oldest beyond its row limit; returns
    /// how many were deleted.
    @discardableResult
    public func prune() async throws(StorageError) -> Int {
        let cutoff = clock.now() - retention.days * 86_400_000
        let maxRows = retention.maxRows
        return try await backend.write { repositories throws(StorageError) in
            try repositories.errorLog.deleteOlderThan(cutoff) + repositories.errorLog.keepNewest(maxRows)
        }
    }

    /// Writes queued errors as they come (at most one batch every `interval` ms) and prunes
    /// every `pruneInterval` ms, until the task is cancelled; what is queued then is written once more.
    public func run(interval: Int = 250, pruneInterval: Int = 3_600_000) async {
        var lastPrune: Int?
        while !Task.isCancelled {
            if lastPrune.map({ clock.now() - $0 >= pruneInterval }) ?? true {
                lastPrune = clock.now()
                _ = try? await prune()
            }
            let failed: Bool
            do {
                try await flush()
                failed = false
            } catch {
                failed = true
            }
            // After a failure wait a little longer before trying again.
            try? await Task.sleep(for: .milliseconds(failed ? max(interval, 1000) : interval))
            if !failed { await waitForWork() }
        }
        try? await flush()
    }

    private func enqueue(_ record: ErrorLogRecord, into state: inout State, counting: Bool = true) {
        if state.queue.count >= capacity {
            state.queue.removeFirst(state.queue.count - capacity + 1)
            state.dropped += 1
        }
        state.queue.append(record)
        if counting { state.recorded += 1 }
    }

    private func wake() {
        let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
            defer { state.waiter = nil }
            return state.waiter
        }
        waiter?.resume()
    }

    /// Returns when something is queued (or the task is cancelled).
    private func waitForWork() async {
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let resumeNow = state.withLock { state -> Bool in
                    if !state.queue.isEmpty || state.outage != nil || Task.isCancelled { return true }
                    state.waiter = continuation
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            wake()
        }
    }
}
