/// A handle to send on a WebSocket from any thread: it posts to the connection's loop.
public struct WebSocketHandle: Sendable, Hashable {
    let inbox: LoopInbox
    /// The connection's id, unique in the process.
    public let id: UInt64

    init(inbox: LoopInbox, id: UInt64) {
        self.inbox = inbox
        self.id = id
    }

    /// The index of the loop that owns the connection.
    public var loopIndex: Int { inbox.index }

    /// Sends a text message; it is never dropped (a reader too slow for the queue is disconnected).
    public func send(text: String) {
        inbox.post(.send(frame: WebSocketFrameEncoder.text(text), targets: [id], conflationKey: nil))
    }

    /// Sends an encoded frame; with a conflation key, a slow reader gets only the newest frame per key.
    public func send(frame: [UInt8], conflationKey: String? = nil) {
        inbox.post(.send(frame: frame, targets: [id], conflationKey: conflationKey))
    }

    /// Starts the closing handshake.
    public func close(_ code: WebSocketCloseCode = .normal, reason: String = "") {
        inbox.post(.closeWebSocket(connection: id, code: code.rawValue, reason: reason))
    }

    public static func == (lhs: WebSocketHandle, rhs: WebSocketHandle) -> Bool { lhs.id == rhs.id }
    public func hash(into hasher: inout Hasher) { hasher.combine(id) }
}
