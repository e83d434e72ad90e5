#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// A loop's thread: created at start, joined at shutdown.
struct EventLoopThread {
    let inbox: LoopInbox
    let listener: Int32
    private var thread: pthread_t?

    init(inbox: LoopInbox, listener: Int32) {
        self.inbox = inbox
        self.listener = listener
    }

    mutating func start(context: ServerContext) throws(SocketError) {
        let loop = try EventLoop(context: context, inbox: inbox, listener: listener)
        let box = Unmanaged.passRetained(LoopBox(loop))
        var handle = pthread_t()
        let status = pthread_create(&handle, nil, { argument in
            let box = Unmanaged<LoopBox>.fromOpaque(argument!).takeRetainedValue()
            box.loop.run()
            return nil
        }, box.toOpaque())
        guard status == 0 else {
            box.release()
            throw SocketError("pthread_create", code: status)
        }
        thread = handle
    }

    mutating func join() {
        guard let thread else { return }
        pthread_join(thread, nil)
        self.thread = nil
    }
}

/// Carries a loop into its new thread. The loop is created here and from then on used only
/// by that thread, which is what makes the hand-over safe.
private final class LoopBox: @unchecked Sendable {
    let loop: EventLoop
    init(_ loop: EventLoop) { self.loop = loop }
}
