import Dispatch
import Synchronization

/// Runs CPU-heavy blocking work (PBKDF2) on dispatch threads, at most `width` jobs at a time.
///
/// Callers over the width wait as suspended tasks, in arrival order, not as threads parked on a
/// semaphore: a burst of logins (or of logins held back by `LoginThrottle`) ties up `width`
/// threads and no more, and never a thread of Swift's cooperative pool or an event loop.
final class HashingGate: Sendable {
    private struct State {
        var running = 0
        var waiting: [CheckedContinuation<Void, Never>] = []
    }

    /// Jobs that may run at once.
    let width: Int
    private let state = Mutex(State())

    init(width: Int) {
        precondition(width >= 1, "a hashing gate runs at least one job")
        self.width = width
    }

    /// Runs `work` on a dispatch thread once a slot is free and returns its result.
    func run<Value: Sendable>(_ work: @escaping @Sendable () -> Value) async -> Value {
        await enter()
        let value = await withCheckedContinuation { continuation in
            DispatchQueue.global(qos: .userInitiated).async { continuation.resume(returning: work()) }
        }
        leave()
        return value
    }

    private func enter() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let admitted = state.withLock { state -> Bool in
                guard state.running < width else {
                    state.waiting.append(continuation)
                    return false
                }
                state.running += 1
                return true
            }
            if admitted { continuation.resume() }
        }
    }

    /// Hands the slot to the longest waiter, or frees it.
    private func leave() {
        let next = state.withLock { state -> CheckedContinuation<Void, Never>? in
            guard !state.waiting.isEmpty else {
                state.running -= 1
                return nil
            }
            return state.waiting.removeFirst()
        }
        next?.resume()
    }
}
