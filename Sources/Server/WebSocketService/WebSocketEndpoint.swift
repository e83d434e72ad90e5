/// Serves WebSocket paths. The server asks it whether a path is a WebSocket path, whether the
/// upgrade is refused (an address outside an allowlist), then, after the handshake, for a
/// session that receives the connection's messages.
///
/// Sessions are created and called on the connection's event loop: they must not block.
public protocol WebSocketEndpoint: Sendable {
    /// True when `path` is served by this endpoint (`/ws`, `/ws/market`).
    func handles(path: String) -> Bool
    /// A response that refuses the upgrade before any handshake (the connection closes after
    /// it), or nil to go on. Called on the event loop for every request to a handled path:
    /// it must not block.
    func refuseUpgrade(_ request: HTTPRequestHead, remoteAddress: String) -> HTTPResponse?
    /// A session for a connection that just completed its handshake.
    func openSession(_ socket: WebSocketHandle, request: HTTPRequestHead, remoteAddress: String) -> any WebSocketSession
}

extension WebSocketEndpoint {
    /// Every upgrade goes ahead.
    public func refuseUpgrade(_ request: HTTPRequestHead, remoteAddress: String) -> HTTPResponse? { nil }
}

/// The receiving side of one WebSocket connection, called on its event loop.
public protocol WebSocketSession: AnyObject {
    /// A complete text message.
    func received(text: String)
    /// A complete binary message.
    func received(binary: [UInt8])
    /// The connection closed (either side, or dropped); called once.
    func closed()
}

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
