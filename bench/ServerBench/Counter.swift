#if canImport(Glibc)
import Glibc
#endif
import Server
import Synchronization

/// A shared counter.
final class Counter: Sendable {
    private let atomic = Atomic<Int>(0)
    var value: Int { atomic.load(ordering: .relaxed) }
    func increment() { atomic.wrappingAdd(1, ordering: .relaxed) }
    func add(_ amount: Int) { atomic.wrappingAdd(amount, ordering: .relaxed) }
}
