import Generated
import Security
import Server
import Primitives
import APIRuntime
import Accounts

/// The `/ws` protocol of one connection, one client message at a time in arrival order:
/// `welcome` on connect, then `auth`, `subscribe`, `unsubscribe` and `ping`, answered with the
/// spec's messages. It runs in the connection's own task, so token checks (a database read)
/// can be awaited without blocking an event loop and without overtaking later messages.
///
/// Private channels (`orders`, `positions`, `strategies`) need an authenticated connection.
/// Failed `auth` and `?token=` checks count against the client address like REST's, and an
/// address past that limit has no token checked until its window ends.
/// The token is checked again whenever a private channel is subscribed, so a user disabled or
/// a key revoked since `auth` cannot add one; such a connection also loses the private
/// channels it had and becomes anonymous.
final class TradingSocketConversation {
    private let socket: WebSocketHandle
    private let broadcaster: ChannelBroadcaster
    private let spec: WebSocketEndpointSpec
    /// Names the broadcaster channel of each channel name a client sends.
    private let resolver: TradingChannelResolver
    private let version: String
    private let authenticator: WebSocketAuthenticator?
    /// The `?token=` of the connect URL, checked before `welcome`.
    private let connectToken: String?
    /// Where refused tokens are logged.
    private let securityLog: WebSocketSecurityLog
    /// The client's address, which failed token checks count against.
    private let clientAddress: String
    private let credentialFailures: CredentialFailureLimit?
    /// The broadcaster channels subscribed (`market:BTC-USDT` however the client wrote it).
    private var channels: Set<String> = []
    /// The authenticated caller and the token that proved it, kept to check it again.
    private var principal: Principal? {
        didSet {
            if (oldValue == nil) != (principal == nil) { metrics?.webSocketAuthenticated(principal == nil ? -1 : 1) }
        }
    }
    /// Counts the authenticated connections (nil in tests that do not count).
    private let metrics: Metrics?
    private var token: String?

    init(socket: WebSocketHandle, broadcaster: ChannelBroadcaster, spec: WebSocketEndpointSpec, symbols: @escaping SymbolResolver,
         version: String, authenticator: WebSocketAuthenticator?, connectToken: String?, securityLog: WebSocketSecurityLog,
         clientAddress: String, credentialFailures: CredentialFailureLimit?, metrics: Metrics? = nil) {
        self.metrics = metrics
        self.socket = socket
        self.broadcaster = broadcaster
        self.spec = spec
        resolver = TradingChannelResolver(spec: spec, symbols: symbols)
        self.version = version
        self.authenticator = authenticator
        self.connectToken = connectToken
        self.securityLog = securityLog
        self.clientAddress = clientAddress
        self.credentialFailures = credentialFailures
    }

    /// Greets the client, then answers `inputs` until the connection closes (the stream ends
    /// or the task is cancelled); finally leaves every channel.
    func run(_ inputs: AsyncStream<TradingSocketInput>, backlog: TradingSocketBacklog) async {
        if let connectToken {
            let result = await authenticate(connectToken, via: .query)
            send(.welcome(WsWelcome(version: version, timestamp: Timestamp.nowMilliseconds())))
            send(.authResult(result))
        } else {
            send(.welcome(WsWelcome(version: version, timestamp: Timestamp.nowMilliseconds())))
        }
        for await input in inputs {
            backlog.release(input)
            switch input {
            case .text(let text): await received(text)
            case .binary: sendError(.invalidMessage, "Binary messages are not part of the protocol; send JSON text")
            case .rateLimited(let message): sendError(.rateLimited, message)
            }
        }
        broadcaster.unsubscribe(socket, from: channels)
        channels.removeAll()
        principal = nil
    }

    private func received(_ text: String) async {
        var issues: [FieldIssue] = []
        guard let json = ClientJSON.parse(Array(text.utf8), at: "message", issues: &issues),
              let message = WsClientMessage.decode(json, at: "message", issues: &issues) else {
            let detail = issues.first.map { ": \($0)" } ?? ": not JSON"
            return sendError(.invalidMessage, "Invalid message" + detail)
        }
        switch message {
        case .subscribe(let request): await subscribe(request.channels)
        case .unsubscribe(let request): unsubscribe(request.channels)
        case .ping: send(.pong(WsPong(timestamp: Timestamp.nowMilliseconds())))
        case .auth(let request): send(.authResult(await authenticate(request.token, via: .message)))
        }
    }

    // MARK: Authentication

    /// Checks `candidate`; on success the connection acts as its user from now on. A failed
    /// attempt changes nothing on the connection, is logged, and counts against the client
    /// address.
    private func authenticate(_ candidate: String, via source: WebSocketSecurityLog.TokenSource) async -> WsAuthResult {
        if let refusal = credentialFailures?.refusal(for: clientAddress) {
            securityLog.authenticationFailed(via: source, reason: refusal.message)
            return WsAuthResult(success: false, message: refusal.message, userId: nil)
        }
        switch await verify(candidate) {
        case .success(let caller):
            principal = caller
            token = candidate
            return WsAuthResult(success: true, message: "Authenticated", userId: caller.userID)
        case .failure(let error):
            securityLog.authenticationFailed(via: source, reason: error.description)
            let limited = Self.isTemporary(error) ? nil : credentialFailures?.recordFailure(from: clientAddress)
            return WsAuthResult(success: false, message: limited?.message ?? error.description, userId: nil)
        }
    }

    private func verify(_ candidate: String) async -> Result<Principal, AuthError> {
        guard let authenticator else {
            return .failure(.invalidToken(reason: "token authentication is not configured on this server"))
        }
        do {
            let identity = try await authenticator(candidate)
            guard let level = AccessLevel(roleName: identity.role) else {
                return .failure(.invalidToken(reason: "unknown role \(identity.role)"))
            }
            return .success(Principal(identity, level: level))
        } catch {
            return .failure(error)
        }
    }

    /// Checks the stored token again before a private subscription. A token that is no longer
    /// good makes the connection anonymous and leaves its private channels; a store that
    /// cannot answer refuses this subscription but keeps the authentication.
    private func recheckAuthentication() async -> (code: ErrorCode, message: String)? {
        guard let token else { return nil }
        switch await verify(token) {
        case .success(let caller):
            principal = caller
            return nil
        case .failure(let error) where Self.isTemporary(error):
            let refusal = APIError(error)
            return (refusal.code, refusal.message)
        case .failure(let error):
            principal = nil
            self.token = nil
            let dropped = channels.filter { spec.channel(matching: $0).map { $0.spec.requiredLevel > .public } ?? false }.sorted()
            for name in dropped {
                channels.remove(name)
                broadcaster.unsubscribe(socket, from: name)
            }
            if !dropped.isEmpty { send(.unsubscribed(WsUnsubscribed(channels: dropped))) }
            return (.unauthorized, "Authentication is no longer valid (\(error.description)); send a new auth message")
        }
    }

    /// Failures of the store, not of the credential: retrying later may succeed.
    private static func isTemporary(_ error: AuthError) -> Bool {
        switch error {
        case .storage, .crypto: return true
        default: return false
        }
    }

    // MARK: Channels

    /// Subscribes to each channel named, under the name the client wrote: a name that stands
    /// for no channel (a symbol the market does not have, too) is refused with
    /// `INVALID_CHANNEL`, a private channel without the right credentials with `UNAUTHORIZED`.
    private func subscribe(_ names: [String]) async {
        var resolved: [(name: String, channel: String, level: AccessLevel)] = []
        for name in names {
            switch resolver.resolve(name) {
            case .channel(let channel, let level):
                resolved.append((name, channel, level))
            case .unknown(let reason):
                sendError(.invalidChannel, "Unknown channel: \(name)" + (reason.map { " (\($0))" } ?? ""), channel: name)
            }
        }
        // One check of the token per subscribe message, whatever the number of private channels.
        var recheckFailure: (code: ErrorCode, message: String)?
        if resolved.contains(where: { $0.level > .public && !channels.contains($0.channel) }) {
            recheckFailure = await recheckAuthentication()
        }
        var accepted: [String] = []
        for (name, channel, level) in resolved {
            if level > .public {
                if let recheckFailure, !channels.contains(channel) {
                    sendError(recheckFailure.code, "Channel \(name) not subscribed: \(recheckFailure.message)", channel: name)
                    continue
                }
                guard (principal?.level ?? .public) >= level else {
                    sendError(.unauthorized, "Channel \(name) needs an authenticated connection; send an auth message first",
                              channel: name)
                    continue
                }
            }
            broadcaster.subscribe(socket, to: channel)
            channels.insert(channel)
            if !accepted.contains(name) { accepted.append(name) }
        }
        if !accepted.isEmpty { send(.subscribed(WsSubscribed(channels: accepted))) }
    }

    /// Leaves each channel named, in either symbol form; the answer lists the names that were
    /// subscribed, as the client wrote them.
    private func unsubscribe(_ names: [String]) {
        var removed: [String] = []
        for name in names {
            guard case .channel(let channel, _) = resolver.resolve(name), channels.remove(channel) != nil else { continue }
            broadcaster.unsubscribe(socket, from: channel)
            removed.append(name)
        }
        send(.unsubscribed(WsUnsubscribed(channels: removed)))
    }

    // MARK: Output

    private func send(_ message: WsServerMessage) {
        socket.send(message)
    }

    /// Sends an `error`; `channel` names the channel a refused subscription asked for.
    private func sendError(_ code: ErrorCode, _ message: String, channel: String? = nil) {
        send(.error(WsError(code: code, message: message, channel: channel)))
    }
}
