#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// The HTTP/1.1 and WebSocket server: one event loop per thread, each with its own listening
/// socket (`SO_REUSEPORT`), requests handed to a responder off the loops.
public final class HTTPServer: Sendable {
    private let context: ServerContext
    private let loops: Mutex<[EventLoopThread]>
    /// The port actually bound (useful with port 0).
    public let port: Int

    /// Binds the listening sockets. Nothing is served until `start()`.
    public init(
        configuration: ServerConfiguration, responder: any HTTPResponder, webSocketEndpoint: (any WebSocketEndpoint)? = nil
    ) throws(SocketError) {
        let count = max(1, configuration.eventLoops)
        Self.raiseDescriptorLimit()
        var listeners: [Int32] = []
        let first = try ListeningSocket.open(host: configuration.host, port: configuration.port)
        listeners.append(first)
        let port = ListeningSocket.boundPort(of: first)
        for _ in 1..<count {
            do {
                listeners.append(try ListeningSocket.open(host: configuration.host, port: port))
            } catch {
                listeners.forEach { close($0) }
                throw error
            }
        }
        var inboxes: [LoopInbox] = []
        for index in 0..<count { inboxes.append(try LoopInbox(index: index)) }
        self.port = port
        context = ServerContext(configuration: configuration, responder: responder, webSocketEndpoint: webSocketEndpoint, inboxes: inboxes)
        loops = Mutex(zip(inboxes, listeners).map { EventLoopThread(inbox: $0.0, listener: $0.1) })
    }

    /// Starts the loops' threads.
    public func start() throws(SocketError) {
        let context = self.context
        try loops.withLock { (loops: inout [EventLoopThread]) throws(SocketError) in
            for index in loops.indices { try loops[index].start(context: context) }
        }
    }

    /// Graceful shutdown: stop accepting, let in-flight requests finish (up to the grace
    /// period), close WebSockets with 1001, then return once every loop has stopped.
    public func shutdown() {
        for inbox in context.inboxes { inbox.post(.beginShutdown) }
        loops.withLock { loops in
            for index in loops.indices { loops[index].join() }
        }
    }

    /// Every connection is a descriptor: take the hard limit rather than the (often 1024) soft one.
    private static func raiseDescriptorLimit() {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0, limit.rlim_cur < limit.rlim_max else { return }
        limit.rlim_cur = limit.rlim_max
        setrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
    }

    /// Requests being handled now.
    public var inFlightRequests: Int { context.inFlight.load(ordering: .relaxed) }

    /// WebSocket connections the client `address` holds now, as the per-address cap counts them.
    public func webSocketConnections(from address: String) -> Int {
        context.webSocketSlots.held(by: address)
    }
}
