import CLinux
#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// The thread-safe side of an event loop: a queue of messages and an eventfd that wakes the
/// loop. Posting from the loop's own thread is allowed too.
public final class LoopInbox: Sendable {
    /// The loop's position among the server's loops.
    public let index: Int
    let wakeDescriptor: Int32
    private let queue = Mutex<(messages: [LoopMessage], wakePending: Bool)>(([], false))

    init(index: Int) throws(SocketError) {
        self.index = index
        let fd = eventfd(0, Int32(EFD_NONBLOCK) | Int32(EFD_CLOEXEC))
        guard fd >= 0 else { throw SocketError("eventfd") }
        wakeDescriptor = fd
    }

    deinit { close(wakeDescriptor) }

    /// Queues a message and wakes the loop unless a wake-up is already on its way.
    func post(_ message: LoopMessage) {
        let needsWake = queue.withLock { state -> Bool in
            state.messages.append(message)
            if state.wakePending { return false }
            state.wakePending = true
            return true
        }
        if needsWake {
            var one: UInt64 = 1
            _ = write(wakeDescriptor, &one, 8)
        }
    }

    /// Moves every queued message into `batch`, which must be empty (called by the loop after a
    /// wake-up). The queue takes `batch`'s storage in exchange, so a drain allocates nothing.
    func drain(into batch: inout [LoopMessage]) {
        var counter: UInt64 = 0
        _ = read(wakeDescriptor, &counter, 8)
        queue.withLock { state in
            state.wakePending = false
            swap(&state.messages, &batch)
        }
    }
}
