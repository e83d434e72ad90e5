import Synchronization

/// A fixed set of connections, each confined to its own worker thread, lent out one job at
/// a time. A job that finds every connection busy waits in line, first come first served,
/// but only for a bounded time: under overload a request should fail with
/// `.unavailable("pool exhausted")` (a 503 the client can retry) rather than queue forever.
final class PostgresConnectionPool: Sendable {
    private struct Slot: Sendable {
        let worker: BlockingWorker
        let connection: PostgresConnection
    }

    private struct Waiter {
        let id: UInt64
        let continuation: CheckedContinuation<Result<Int, StorageError>, Never>
        var timer: Task<Void, Never>?
    }

    private struct State {
        var idle: [Int]
        var waiters: [Waiter] = []
        var nextWaiterID: UInt64 = 0
        var isClosed = false
    }

    private let slots: [Slot]
    private let state: Mutex<State>
    private let checkoutTimeout: Duration

    /// A pool over `connections`, each given a worker thread of its own.
    init(connections: [PostgresConnection], checkoutTimeout: Duration) {
        slots = connections.map { Slot(worker: BlockingWorker(), connection: $0) }
        state = Mutex(State(idle: Array(slots.indices.reversed())))
        self.checkoutTimeout = checkoutTimeout
    }

    /// Runs `job` on a free connection's worker thread and returns the connection afterwards.
    func withConnection<Result: Sendable>(
        _ job: @escaping @Sendable (PostgresConnection) throws(StorageError) -> Result
    ) async throws(StorageError) -> Result {
        let index = try await checkOut()
        defer { checkIn(index) }
        let slot = slots[index]
        return try await slot.worker.run { () throws(StorageError) -> Result in try job(slot.connection) }
    }

    /// The sessions now: open ones, lent out ones, and the checkouts waiting in line.
    var statistics: SQLPoolStatistics {
        let (idle, waiting, closed) = state.withLock { ($0.idle.count, $0.waiters.count, $0.isClosed) }
        let open = closed ? 0 : slots.filter { $0.connection.isConnected }.count
        return SQLPoolStatistics(size: slots.count, open: open, inUse: closed ? 0 : slots.count - idle, waiting: waiting)
    }

    /// Fails every waiting and later checkout, and closes each connection once the job
    /// running on it (if any) has finished.
    func close() {
        let waiters = state.withLock { state -> [Waiter]? in
            guard !state.isClosed else { return nil }
            state.isClosed = true
            defer { state.waiters.removeAll() }
            return state.waiters
        }
        guard let waiters else { return }
        for waiter in waiters {
            waiter.timer?.cancel()
            waiter.continuation.resume(returning: .failure(.unavailable("the database is closed")))
        }
        for slot in slots {
            // Queued behind any running job, so a statement is never cut off mid-way.
            Task.detached {
                _ = try? await slot.worker.run { slot.connection.close() }
                slot.worker.stop()
            }
        }
    }

    private enum Admission {
        case decided(Result<Int, StorageError>)
        case waiting(UInt64)
    }

    private func checkOut() async throws(StorageError) -> Int {
        let outcome = await withCheckedContinuation { (continuation: CheckedContinuation<Result<Int, StorageError>, Never>) in
            let admission = state.withLock { state -> Admission in
                if state.isClosed { return .decided(.failure(.unavailable("the database is closed"))) }
                if let index = state.idle.popLast() { return .decided(.success(index)) }
                state.nextWaiterID += 1
                state.waiters.append(Waiter(id: state.nextWaiterID, continuation: continuation))
                return .waiting(state.nextWaiterID)
            }
            let waiterID: UInt64
            switch admission {
            case .decided(let result):
                continuation.resume(returning: result)
                return
            case .waiting(let id):
                waiterID = id
            }
            let timer = Task { [weak self, checkoutTimeout] in
                try? await Task.sleep(for: checkoutTimeout)
                guard !Task.isCancelled else { return }
                self?.expire(waiterID)
            }
            // The connection may have been handed over before the timer existed.
            let handedOver = state.withLock { state -> Bool in
                guard let position = state.waiters.firstIndex(where: { $0.id == waiterID }) else { return true }
                state.waiters[position].timer = timer
                return false
            }
            if handedOver { timer.cancel() }
        }
        return try outcome.get()
    }

    private func checkIn(_ index: Int) {
        let next = state.withLock { state -> Waiter? in
            guard !state.isClosed else { return nil }
            guard !state.waiters.isEmpty else {
                state.idle.append(index)
                return nil
            }
            return state.waiters.removeFirst()
        }
        guard let next else { return }
        next.timer?.cancel()
        next.continuation.resume(returning: .success(index))
    }

    private func expire(_ waiterID: UInt64) {
        let waiter = state.withLock { state -> Waiter? in
            guard let position = state.waiters.firstIndex(where: { $0.id == waiterID }) else { return nil }
            return state.waiters.remove(at: position)
        }
        waiter?.continuation.resume(returning: .failure(.unavailable(
            "pool exhausted: all \(slots.count) connections stayed busy for \(checkoutTimeout.wholeMilliseconds) ms"
        )))
    }
}
