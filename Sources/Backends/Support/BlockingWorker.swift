#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// A dedicated thread that runs blocking jobs (SQLite calls, libpq round trips) one at a
/// time, so they never occupy Swift's cooperative pool or an event loop. Each database
/// connection owns one worker: the connection is only ever used on that thread.
public final class BlockingWorker: Sendable {
    private struct State {
        var jobs: [@Sendable () -> Void] = []
        var stopping = false
    }

    private let state = Mutex(State())
    private let condition = ConditionSignal()
    /// Jobs queued or running (for the pool statistics of `/metrics`).
    private let load = Atomic<Int>(0)

    /// Starts the thread.
    public init() {
        let box = Unmanaged.passRetained(self)
        var thread = pthread_t()
        pthread_create(&thread, nil, { argument in
            let worker = Unmanaged<BlockingWorker>.fromOpaque(argument!).takeRetainedValue()
            worker.runLoop()
            return nil
        }, box.toOpaque())
        pthread_detach(thread)
    }

    /// Runs `job` on the worker and returns its result to the caller's task.
    public func run<Result: Sendable>(_ job: @escaping @Sendable () throws(StorageError) -> Result) async throws(StorageError) -> Result {
        let outcome: Swift.Result<Result, StorageError> = await withCheckedContinuation { continuation in
            let accepted = state.withLock { state -> Bool in
                guard !state.stopping else { return false }
                load.add(1, ordering: .relaxed)
                state.jobs.append { [self] in
                    let outcome: Swift.Result<Result, StorageError>
                    do throws(StorageError) {
                        outcome = .success(try job())
                    } catch {
                        outcome = .failure(error)
                    }
                    load.subtract(1, ordering: .relaxed)
                    continuation.resume(returning: outcome)
                }
                return true
            }
            if accepted { condition.signal() } else { continuation.resume(returning: .failure(.unavailable("the database is closed"))) }
        }
        return try outcome.get()
    }

    /// Jobs queued or running now.
    public var pendingJobs: Int { max(0, load.load(ordering: .relaxed)) }

    /// Lets queued jobs finish, then ends the thread.
    public func stop() {
        state.withLock { $0.stopping = true }
        condition.signal()
    }

    private func runLoop() {
        while true {
            let next = state.withLock { state -> (job: (@Sendable () -> Void)?, done: Bool) in
                if !state.jobs.isEmpty { return (state.jobs.removeFirst(), false) }
                return (nil, state.stopping)
            }
            if let job = next.job { job(); continue }
            if next.done { return }
            condition.wait()
        }
    }
}
