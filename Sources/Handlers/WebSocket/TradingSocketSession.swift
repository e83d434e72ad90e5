import Generated
import Server

/// One `/ws` connection: `welcome` on connect, then `subscribe` / `unsubscribe` / `ping` /
/// `auth`, answered with the spec's messages; unknown channels and malformed messages get
/// an `error` and change nothing.
final class TradingSocketSession: WebSocketSession {
    private let socket: WebSocketHandle
    private let broadcaster: ChannelBroadcaster
    private let spec: WebSocketEndpointSpec
    private let onClose: @Sendable () -> Void
    private var channels: Set<String> = []
    /// The authenticated caller; nil until an `auth` message succeeds.
    private var principal: Principal?

    init(socket: WebSocketHandle, broadcaster: ChannelBroadcaster, spec: WebSocketEndpointSpec, version: String,
         onClose: @escaping @Sendable () -> Void) {
        self.socket = socket
        self.broadcaster = broadcaster
        self.spec = spec
        self.onClose = onClose
        socket.send(WsServerMessage.welcome(WsWelcome(version: version, timestamp: Clock.epochMilliseconds())))
    }

    func received(text: String) {
        var issues: [FieldIssue] = []
        guard let json = try? JSONParser.parse(text),
              let message = WsClientMessage.decode(json, at: "message", issues: &issues) else {
            let detail = issues.first.map { ": \($0)" } ?? ": not JSON"
            return sendError(.invalidMessage, "Invalid message" + detail)
        }
        switch message {
        case .subscribe(let request): subscribe(request.channels)
        case .unsubscribe(let request): unsubscribe(request.channels)
        case .ping: socket.send(WsServerMessage.pong(WsPong(timestamp: Clock.epochMilliseconds())))
        case .auth: authenticate()
        }
    }

    func received(binary: [UInt8]) {
        sendError(.invalidMessage, "Binary messages are not part of the protocol; send JSON text")
    }

    func closed() {
        broadcaster.unsubscribe(socket, from: channels)
        channels.removeAll()
        onClose()
    }

    private func subscribe(_ names: [String]) {
        var accepted: [String] = []
        for name in names {
            guard let (channel, parameters) = spec.channel(matching: name), Self.validParameters(parameters) else {
                sendError(.invalidChannel, "Unknown channel: \(name)")
                continue
            }
            guard channel.requiredLevel == .public || (principal?.level ?? .public) >= channel.requiredLevel else {
                sendError(.unauthorized, "Channel \(name) needs an authenticated connection; send an auth message first")
                continue
            }
            broadcaster.subscribe(socket, to: name)
            channels.insert(name)
            if !accepted.contains(name) { accepted.append(name) }
        }
        if !accepted.isEmpty { socket.send(WsServerMessage.subscribed(WsSubscribed(channels: accepted))) }
    }

    private func unsubscribe(_ names: [String]) {
        var removed: [String] = []
        for name in names where channels.remove(name) != nil {
            broadcaster.unsubscribe(socket, from: name)
            removed.append(name)
        }
        socket.send(WsServerMessage.unsubscribed(WsUnsubscribed(channels: removed)))
    }

    /// Token verification arrives with the security issue; until then no token is valid.
    private func authenticate() {
        socket.send(WsServerMessage.authResult(WsAuthResult(
            success: false, message: "Token authentication is not available on this server yet", userId: nil)))
    }

    private func sendError(_ code: ErrorCode, _ message: String) {
        socket.send(WsServerMessage.error(WsError(code: code, message: message)))
    }

    /// Channel parameters: symbols as in the REST API, timeframes from the spec's enum.
    static func validParameters(_ parameters: [String: String]) -> Bool {
        for (name, value) in parameters {
            switch name {
            case "timeframe": if Timeframe(rawValue: value) == nil { return false }
            default: if !SymbolText.isValid(value) { return false }
            }
        }
        return true
    }
}

/// The symbol syntax of the API: `BTC/USDT`, `BTC-USDT`, `005930`.
enum SymbolText {
    static func isValid(_ text: String) -> Bool {
        let utf8 = Array(text.utf8)
        guard let first = utf8.first, (1...32).contains(utf8.count), isAlphanumeric(first) else { return false }
        return utf8.allSatisfy { isAlphanumeric($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "-") }
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
            || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
    }
}
