#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// A counting wake-up signal: `signal` before `wait` is not lost.
///
/// `@unchecked Sendable`: the only state is a POSIX semaphore, which is made for use from
/// several threads; the pointer itself never changes after init.
final class ConditionSignal: @unchecked Sendable {
    private let semaphore: UnsafeMutablePointer<sem_t>

    init() {
        semaphore = .allocate(capacity: 1)
        sem_init(semaphore, 0, 0)
    }

    deinit {
        sem_destroy(semaphore)
        semaphore.deallocate()
    }

    func signal() { sem_post(semaphore) }
    func wait() { while sem_wait(semaphore) != 0 && errno == EINTR {} }
}
