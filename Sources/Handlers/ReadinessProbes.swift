import Backends
import Engine
import Generated
import Synchronization

/// The checks behind `GET /health/ready`, each a real round trip bounded in time: a probe
/// that gets no answer reports its component unhealthy instead of holding the request.
public enum ReadinessProbes {
    /// The database: a query on a pooled connection (`SQLDatabase.ping`), its latency
    /// measured; unhealthy with the reason when it fails or takes longer than `timeout`.
    public static func database(_ database: any SQLDatabase, timeout: Duration = .seconds(2)) -> ReadinessProbe {
        {
            let outcome = await answer(within: timeout) { () -> Result<Int, StorageError> in
                do throws(StorageError) {
                    return .success(try await database.ping())
                } catch {
                    return .failure(error)
                }
            }
            switch outcome {
            case .success(let latency)?: return ComponentHealth(status: .healthy, latencyMs: latency)
            case .failure(let error)?: return ComponentHealth(status: .unhealthy, message: "\(error)")
            case nil: return ComponentHealth(status: .unhealthy, message: "no answer within \(milliseconds(timeout)) ms")
            }
        }
    }

    /// The paper exchange: healthy when the engine thread running it here answers a command
    /// within `timeout` (its latency measured), unhealthy when it does not. An instance whose
    /// engine runs elsewhere (another instance holds the engine lease) reports `disabled`:
    /// it serves the market from the database and refuses orders, which go to that instance.
    public static func exchange(_ market: MarketService, timeout: Duration = .seconds(2)) -> ReadinessProbe {
        {
            guard let engine = market.engine else {
                return ComponentHealth(status: .disabled,
                                       message: "the engine runs on another instance (it holds the engine lease); this one mirrors the market")
            }
            let start = ContinuousClock.now
            let answered = await answer(within: timeout) { await engine.perform { core in core.exchange != nil } }
            switch answered {
            case (true?)?:
                return ComponentHealth(status: .healthy, latencyMs: milliseconds(start.duration(to: .now)))
            case (false?)?:
                return ComponentHealth(status: .unhealthy, message: "the engine runs without an exchange")
            case (nil)?:
                return ComponentHealth(status: .unhealthy, message: "the engine's command queue is full")
            case nil:
                return ComponentHealth(status: .unhealthy, message: "the engine did not answer within \(milliseconds(timeout)) ms")
            }
        }
    }

    /// The result of `work`, or nil when it takes longer than `timeout`. The work goes on in
    /// its own task should it never end (a hung connection): the caller does not wait for it.
    static func answer<Value: Sendable>(within timeout: Duration, _ work: @escaping @Sendable () async -> Value) async -> Value? {
        let race = Race<Value>()
        return await withCheckedContinuation { (continuation: CheckedContinuation<Value?, Never>) in
            race.start(continuation)
            Task { race.finish(await work()) }
            Task {
                try? await Task.sleep(for: timeout)
                race.finish(nil)
            }
        }
    }

    /// A duration in whole milliseconds.
    static func milliseconds(_ duration: Duration) -> Int {
        let (seconds, attoseconds) = duration.components
        return Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000)
    }

    /// Whichever of the work and the timer ends first resumes the waiter; the other finds it gone.
    private final class Race<Value: Sendable>: Sendable {
        private let waiter = Mutex<CheckedContinuation<Value?, Never>?>(nil)

        func start(_ continuation: CheckedContinuation<Value?, Never>) {
            waiter.withLock { $0 = continuation }
        }

        func finish(_ value: Value?) {
            let continuation = waiter.withLock { waiter -> CheckedContinuation<Value?, Never>? in
                defer { waiter = nil }
                return waiter
            }
            continuation?.resume(returning: value)
        }
    }
}
