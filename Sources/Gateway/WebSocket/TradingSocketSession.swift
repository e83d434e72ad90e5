import Security
import Server

/// The event-loop side of one `/ws` connection: flood control, then the bounded hand-off of
/// each accepted message to the connection's conversation, which answers them in order in a
/// task of its own.
final class TradingSocketSession: WebSocketSession {
    private let socket: WebSocketHandle
    private var floodGuard: WebSocketFloodGuard
    private let backlog: TradingSocketBacklog
    private let inputs: AsyncStream<TradingSocketInput>.Continuation
    private let conversation: Task<Void, Never>
    private let onClose: @Sendable () -> Void
    private var closing = false

    /// Starts `conversation` (which sends `welcome`) in its own task.
    init(socket: WebSocketHandle, conversation: sending TradingSocketConversation, messagesPerSecond: Int,
         onClose: @escaping @Sendable () -> Void) {
        self.socket = socket
        self.onClose = onClose
        floodGuard = WebSocketFloodGuard(messagesPerSecond: messagesPerSecond)
        // Room for two seconds of messages at the limit, and at most the server's default
        // send-queue bound in bytes.
        let backlog = TradingSocketBacklog(maximumMessages: 2 * floodGuard.messagesPerSecond + 16, maximumBytes: 8 << 20)
        self.backlog = backlog
        let (stream, continuation) = AsyncStream.makeStream(of: TradingSocketInput.self, bufferingPolicy: .unbounded)
        inputs = continuation
        self.conversation = Task { await conversation.run(stream, backlog: backlog) }
    }

    func received(text: String) {
        admit(.text(text))
    }

    func received(binary: [UInt8]) {
        admit(.binary)
    }

    func closed() {
        closing = true
        inputs.finish()
        conversation.cancel()
        onClose()
    }

    private func admit(_ input: TradingSocketInput) {
        guard !closing else { return }
        switch floodGuard.admit(now: RateLimiter.monotonicSeconds()) {
        case .accept:
            enqueue(input)
        case .refuse(let notify):
            if notify { enqueue(.rateLimited(floodGuard.refusalMessage)) }
        case .disconnect(let reason):
            close(reason)
        case .ignore:
            break
        }
    }

    private func enqueue(_ input: TradingSocketInput) {
        guard backlog.admit(input) else { return close("too many messages waiting to be answered") }
        inputs.yield(input)
    }

    /// Closes with 1008 (policy violation); the messages still arriving are dropped.
    private func close(_ reason: String) {
        closing = true
        inputs.finish()
        socket.close(.policyViolation, reason: reason)
    }
}
