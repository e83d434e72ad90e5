import Primitives
import Synchronization

/// Where the engine reads the time (epoch ms, UTC). Injected, so a replay or a test runs on
/// a clock it controls and gives the same result every time.
public protocol EngineClock: Sendable {
    func now() -> Int
}

/// The wall clock.
public struct SystemClock: EngineClock {
    public init() {}

    public func now() -> Int { Timestamp.nowMilliseconds() }
}

/// A clock that moves only when told to (tests, backtests).
public final class ManualClock: EngineClock {
    private let time: Mutex<Int>

    public init(_ start: Int) {
        time = Mutex(start)
    }

    public func now() -> Int { time.withLock { $0 } }

    /// Moves the clock forward by `milliseconds`.
    public func advance(by milliseconds: Int) {
        time.withLock { $0 += milliseconds }
    }

    /// Sets the clock; it may not go backwards.
    public func set(_ value: Int) {
        time.withLock { $0 = max($0, value) }
    }
}
