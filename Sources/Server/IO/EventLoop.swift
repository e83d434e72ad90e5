import Primitives
import CLinux
#if canImport(Glibc)
import Glibc
#endif

/// One thread, one epoll instance, its own listening socket and the connections it accepted.
/// Nothing here blocks: reads and writes are non-blocking, handlers run elsewhere and post
/// their results back through the inbox.
final class EventLoop {
    static let listenerTag: UInt64 = 1
    static let wakeTag: UInt64 = 2

    let context: ServerContext
    let inbox: LoopInbox
    private let epollDescriptor: Int32
    private var listenerDescriptor: Int32
    private var connections = ConnectionTable<any LoopConnection>()
    /// The WebSocket connections among `connections`, typed: a publish reaches each of its
    /// targets through here without a dynamic cast per target.
    private var webSockets = ConnectionTable<WebSocketConnection>()
    private var dirty: [UInt64] = []
    /// The ids `flushDirty()` is working through; kept between iterations with `dirty`, so the
    /// two arrays trade places instead of one being allocated per iteration.
    private var flushing: [UInt64] = []
    /// WebSocket connections holding published frames until the next fan-out flush.
    private var fanoutDirty: [UInt64] = []
    /// When the last fan-out flush ran, and how far apart they are
    /// (`ServerConfiguration.webSocketFanoutFlushInterval`), in monotonic nanoseconds.
    private var lastFanoutFlush: UInt64 = 0
    private let fanoutFlushInterval: UInt64
    private(set) var shuttingDown = false
    private var shutdownDeadline: UInt64 = 0
    /// Scratch space for reads, shared by the loop's connections.
    let readBuffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 64 * 1024, alignment: 16)
    var date = HTTPDate()
    /// The request ids this loop hands out: `<prefix>-<hex>`, the numbers counting from the
    /// loop's position in steps of the number of loops, so no two loops hand out the same one
    /// and no counter is shared between threads.
    private let requestIDPrefix: [UInt8]
    private var nextRequest: UInt64
    private let requestStep: UInt64

    init(context: ServerContext, inbox: LoopInbox, listener: Int32) throws(SocketError) {
        self.context = context
        self.inbox = inbox
        listenerDescriptor = listener
        fanoutFlushInterval = UInt64(max(0, context.configuration.webSocketFanoutFlushInterval) * 1e9)
        requestIDPrefix = Array((context.requestIDPrefix + "-").utf8)
        nextRequest = UInt64((context.inboxes.firstIndex { $0 === inbox } ?? 0) + 1)
        requestStep = UInt64(max(1, context.inboxes.count))
        epollDescriptor = epoll_create1(Int32(EPOLL_CLOEXEC))
        guard epollDescriptor >= 0 else { throw SocketError("epoll_create1") }
        try register(listener, tag: Self.listenerTag, events: EPOLLIN.rawValue)
        try register(inbox.wakeDescriptor, tag: Self.wakeTag, events: EPOLLIN.rawValue)
    }

    deinit {
        readBuffer.deallocate()
        close(epollDescriptor)
    }

    private func register(_ fd: Int32, tag: UInt64, events: UInt32) throws(SocketError) {
        var event = epoll_event(events: events, data: epoll_data_t(u64: tag))
        guard epoll_ctl(epollDescriptor, EPOLL_CTL_ADD, fd, &event) == 0 else { throw SocketError("epoll_ctl(ADD)") }
    }

    /// Runs until shutdown completes.
    func run() {
        var events = [epoll_event](repeating: epoll_event(), count: 256)
        var messages: [LoopMessage] = []
        var lastTick = Timestamp.monotonicNanoseconds()
        while true {
            let count = epoll_wait(epollDescriptor, &events, Int32(events.count), waitTimeout())
            if count < 0 && errno != EINTR { break }
            for index in 0..<max(0, Int(count)) {
                let event = events[index]
                switch event.data.u64 {
                case Self.listenerTag: acceptConnections()
                case Self.wakeTag:
                    inbox.drain(into: &messages)
                    handle(messages)
                    messages.removeAll(keepingCapacity: true)
                case let tag:
                    guard let connection = connections[tag] else { continue }
                    if event.events & (EPOLLIN.rawValue | EPOLLHUP.rawValue | EPOLLERR.rawValue | EPOLLRDHUP.rawValue) != 0 {
                        connection.readable()
                    }
                    if event.events & EPOLLOUT.rawValue != 0, let again = connections[tag] {
                        again.writable()
                    }
                }
            }
            flushDirty()
            let now = Timestamp.monotonicNanoseconds()
            flushFanout(now: now)
            if now - lastTick >= 250_000_000 {
                lastTick = now
                resumeAccepting()
                for connection in connections.all { connection.tick(now: now) }
                flushDirty()
            }
            if shuttingDown && (connections.isEmpty || now >= shutdownDeadline) { break }
        }
        for connection in connections.all { remove(connection) }
        if listenerDescriptor >= 0 { close(listenerDescriptor) }
    }

    // MARK: Connections

    private func acceptConnections() {
        for _ in 0..<64 {
            var storage = sockaddr_storage()
            var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
            let fd = withUnsafeMutablePointer(to: &storage) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    accept(listenerDescriptor, $0, &length)
                }
            }
            guard fd >= 0 else {
                // Out of descriptors: the pending connection stays queued and the listener stays
                // readable, so stop watching it for a moment instead of spinning.
                if errno == EMFILE || errno == ENFILE { pauseAccepting() }
                return
            }
            // accept4 is hidden behind _GNU_SOURCE in the Glibc module; two fcntls do the same.
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
            guard connections.count < context.configuration.maxConnectionsPerLoop, !shuttingDown else {
                close(fd)
                continue
            }
            var one: Int32 = 1
            setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
            guard let stream = makeStream(fileDescriptor: fd) else {
                close(fd)
                continue
            }
            let connection = HTTPConnection(
                id: context.makeConnectionID(), stream: stream, remoteAddress: SocketAddress(storage).host, loop: self)
            add(connection)
        }
    }

    /// A plain socket, or with TLS configured, a TLS stream on the certificate loaded now.
    private func makeStream(fileDescriptor fd: Int32) -> (any ByteStream)? {
        guard let tls = context.configuration.tls else { return SocketStream(fileDescriptor: fd) }
        return TLSStream(fileDescriptor: fd, context: tls.context)
    }

    private var acceptPaused = false

    private func pauseAccepting() {
        guard !acceptPaused, listenerDescriptor >= 0 else { return }
        acceptPaused = true
        epoll_ctl(epollDescriptor, EPOLL_CTL_DEL, listenerDescriptor, nil)
    }

    private func resumeAccepting() {
        guard acceptPaused, listenerDescriptor >= 0, !shuttingDown else { return }
        acceptPaused = false
        try? register(listenerDescriptor, tag: Self.listenerTag, events: EPOLLIN.rawValue)
    }

    /// Starts watching a connection.
    func add(_ connection: any LoopConnection) {
        var event = epoll_event(
            events: EPOLLIN.rawValue | EPOLLRDHUP.rawValue, data: epoll_data_t(u64: connection.id))
        guard epoll_ctl(epollDescriptor, EPOLL_CTL_ADD, connection.stream.fileDescriptor, &event) == 0 else {
            connection.stream.close()
            return
        }
        connections[connection.id] = connection
    }

    /// Puts `replacement` (same id and stream) in the place of a connection: a WebSocket upgrade.
    func replace(with replacement: any LoopConnection) {
        connections[replacement.id] = replacement
        webSockets[replacement.id] = replacement as? WebSocketConnection
    }

    /// Stops watching a connection, closes its stream and tells it so.
    func remove(_ connection: any LoopConnection) {
        guard connections.removeValue(forKey: connection.id) != nil else { return }
        webSockets[connection.id] = nil
        epoll_ctl(epollDescriptor, EPOLL_CTL_DEL, connection.stream.fileDescriptor, nil)
        connection.stream.close()
        connection.removed()
    }

    /// Which readiness the loop reports for a connection's socket; the connection decides
    /// (writable only while output is blocked, readable unless its input must wait).
    func setInterest(_ connection: any LoopConnection, reading: Bool, writing: Bool) {
        var events: UInt32 = 0
        if reading { events |= EPOLLIN.rawValue | EPOLLRDHUP.rawValue }
        if writing { events |= EPOLLOUT.rawValue }
        var event = epoll_event(events: events, data: epoll_data_t(u64: connection.id))
        epoll_ctl(epollDescriptor, EPOLL_CTL_MOD, connection.stream.fileDescriptor, &event)
    }

    /// Schedules a flush at the end of this loop iteration, coalescing many small writes.
    func markDirty(_ connection: any LoopConnection) {
        dirty.append(connection.id)
    }

    /// A fresh request id, written straight into its string.
    func makeRequestID() -> String {
        let number = nextRequest
        nextRequest &+= requestStep
        var digits = 1
        var rest = number >> 4
        while rest > 0 {
            digits += 1
            rest >>= 4
        }
        let length = requestIDPrefix.count + digits
        return String(unsafeUninitializedCapacity: length) { buffer in
            for (index, byte) in requestIDPrefix.enumerated() { buffer[index] = byte }
            var value = number
            var position = length
            repeat {
                position -= 1
                let digit = UInt8(truncatingIfNeeded: value & 0xF)
                buffer[position] = digit < 10 ? UInt8(ascii: "0") + digit : UInt8(ascii: "a") + digit - 10
                value >>= 4
            } while value > 0
            return length
        }
    }

    /// Schedules a flush with the loop's next fan-out flush: published frames arriving until
    /// then share the connection's write.
    func markFanoutDirty(_ connection: WebSocketConnection) {
        fanoutDirty.append(connection.id)
    }

    /// Milliseconds `epoll_wait` may sleep: until the next fan-out flush is due when
    /// published frames wait, else a quarter second (the tick).
    private func waitTimeout() -> Int32 {
        guard !fanoutDirty.isEmpty else { return 250 }
        let due = lastFanoutFlush + fanoutFlushInterval
        let now = Timestamp.monotonicNanoseconds()
        guard due > now else { return 0 }
        return Int32((due - now + 999_999) / 1_000_000)
    }

    /// Writes the published frames waiting on connections once the interval since the last
    /// fan-out flush has passed.
    private func flushFanout(now: UInt64) {
        guard !fanoutDirty.isEmpty, now - lastFanoutFlush >= fanoutFlushInterval else { return }
        lastFanoutFlush = now
        swap(&fanoutDirty, &flushing)
        for id in flushing { connections[id]?.flush() }
        flushing.removeAll(keepingCapacity: true)
        flushDirty()
    }

    private func flushDirty() {
        while !dirty.isEmpty {
            // A flush may mark connections dirty again: they go to the emptied array, for the next round.
            swap(&dirty, &flushing)
            for id in flushing { connections[id]?.flush() }
            flushing.removeAll(keepingCapacity: true)
        }
    }

    // MARK: Messages

    private func handle(_ messages: [LoopMessage]) {
        for message in messages {
            switch message {
            case .respond(let id, let response, let requestID, let startedAt):
                (connections[id] as? HTTPConnection)?.complete(response, requestID: requestID, startedAt: startedAt)
            case .send(let frame, let targets, let key):
                frame.withUnsafeBytes { bytes in
                    for id in targets { webSockets[id]?.enqueuePublished(bytes, conflationKey: key) }
                }
            case .closeWebSocket(let id, let code, let reason):
                webSockets[id]?.close(code: WebSocketCloseCode(rawValue: code), reason: reason)
            case .beginShutdown:
                beginShutdown()
            }
        }
    }

    private func beginShutdown() {
        guard !shuttingDown else { return }
        shuttingDown = true
        shutdownDeadline = Timestamp.monotonicNanoseconds() + UInt64(context.configuration.shutdownGracePeriod * 1e9)
        if !acceptPaused { epoll_ctl(epollDescriptor, EPOLL_CTL_DEL, listenerDescriptor, nil) }
        close(listenerDescriptor)
        listenerDescriptor = -1
        for connection in connections.all { connection.beginShutdown() }
    }
}
