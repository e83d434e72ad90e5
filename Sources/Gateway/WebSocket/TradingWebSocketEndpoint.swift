import Generated
import Security
import Server
import Primitives
import APIRuntime
import Accounts

/// `/ws` (document A's protocol) and `/ws/market` (document B's dialect). Publishers push
/// through `ChannelBroadcaster`; channel names are the spec's (`market:BTC-USDT`), and the
/// `/ws/market` dialect uses its own names (`MarketChannel`).
///
/// Security: upgrades from addresses outside `allowlist` are refused with 403
/// `IP_NOT_ALLOWED` (`X-Forwarded-For` believed only from `trustedProxies`, which also names
/// the client the transport's per-address connection cap counts); each connection may send
/// `messagesPerSecond` messages a second (`WebSocketFloodGuard`); `/ws` connections
/// authenticate with `authenticator` to reach the private channels, their failed tokens
/// counted against the client address with REST's (`credentialFailures`), and each refused
/// token is logged to `log` (never the token itself).
public struct TradingWebSocketEndpoint: WebSocketEndpoint {
    /// The channels both dialects subscribe to.
    public let broadcaster: ChannelBroadcaster
    /// The market's symbols, which market channels must name.
    let symbols: SymbolResolver
    /// The order book depths `/ws/market` clients ask for, shared with the `MarketStreamBridge`.
    let bookDepths: OrderBookDepths
    let metrics: Metrics
    /// The protocol version announced in `welcome`.
    let version: String
    /// Checks tokens; nil refuses every token (no private channel can be reached).
    let authenticator: WebSocketAuthenticator?
    /// Client messages a connection may send each second.
    public let messagesPerSecond: Int
    /// The addresses that may connect (empty: all).
    public let allowlist: IPAllowlist
    /// Proxies whose `X-Forwarded-For` names the client.
    public let trustedProxies: [CIDR]
    /// Where refused tokens are logged.
    let log: LogSink
    /// Failed token checks per client address, shared with REST (nil: unlimited).
    public let credentialFailures: CredentialFailureLimit?

    /// An endpoint publishing through `broadcaster`, its market channels naming the symbols
    /// `symbols` finds, its `/ws/market` order book depths registered in `bookDepths` (the
    /// bridge's). The defaults keep no token valid, allow 100 messages a second and every
    /// address, log to standard error, and do not limit failed token checks.
    public init(broadcaster: ChannelBroadcaster, symbols: @escaping SymbolResolver, bookDepths: OrderBookDepths,
                metrics: Metrics, version: String,
                authenticator: WebSocketAuthenticator? = nil, messagesPerSecond: Int = 100,
                allowlist: IPAllowlist = IPAllowlist([]), trustedProxies: [CIDR] = [], log: LogSink = .standardError,
                credentialFailures: CredentialFailureLimit? = nil) {
        self.broadcaster = broadcaster
        self.symbols = symbols
        self.bookDepths = bookDepths
        self.metrics = metrics
        self.version = version
        self.authenticator = authenticator
        self.messagesPerSecond = max(1, messagesPerSecond)
        self.allowlist = allowlist
        self.trustedProxies = trustedProxies
        self.log = log
        self.credentialFailures = credentialFailures
    }

    /// Tokens checked by `service`: an API key when it starts with `tsk_`, an access token
    /// (JWT) otherwise.
    public static func authenticator(using service: AuthService) -> WebSocketAuthenticator {
        { token throws(AuthError) in
            if token.hasPrefix(APIKeySecret.marker) { return try await service.authenticate(apiKey: token) }
            return try await service.authenticate(accessToken: token)
        }
    }

    public func handles(path: String) -> Bool {
        WebSocketSpec.endpoints.contains { $0.path == path }
    }

    /// 403 `IP_NOT_ALLOWED` for a client outside the allowlist, before any handshake.
    public func refuseUpgrade(_ request: HTTPRequestHead, remoteAddress: String) -> HTTPResponse? {
        guard !allowlist.allowsAll else { return nil }
        let client = clientAddress(of: request, remoteAddress: remoteAddress)
        guard !allowlist.allows(client) else { return nil }
        let body = ErrorResponse(code: .ipNotAllowed, message: "Connections from \(client) are not allowed")
        // The refusal is an API answer too: hardened and never stored.
        let headers = HTTPHeaders([("Content-Type", "application/json")] + SecurityHeaders.api)
        return HTTPResponse(status: ErrorCode.ipNotAllowed.httpStatus, headers: headers, body: JSONWriter.encode(body))
    }

    /// The peer, or what trusted proxies forwarded (as for REST requests).
    public func clientAddress(of request: HTTPRequestHead, remoteAddress: String) -> String {
        RequestSecurity.clientAddress(of: request, peer: remoteAddress, trustedProxies: trustedProxies)
    }

    public func openSession(_ socket: WebSocketHandle, request: HTTPRequestHead, context: WebSocketContext) -> any WebSocketSession {
        let path = context.path
        metrics.webSocketOpened(path)
        let onClose: @Sendable () -> Void = { [metrics] in metrics.webSocketOpened(path, delta: -1) }
        if path == "/ws/market" {
            return MarketSocketSession(socket: socket, broadcaster: broadcaster, symbols: symbols, bookDepths: bookDepths,
                                       messagesPerSecond: messagesPerSecond, onClose: onClose)
        }
        let spec = WebSocketSpec.endpoints.first { $0.path == path }!
        let conversation = TradingSocketConversation(
            socket: socket, broadcaster: broadcaster, spec: spec, symbols: symbols, version: version, authenticator: authenticator,
            connectToken: QueryParameters(request.query).first("token"), securityLog: WebSocketSecurityLog(sink: log, context: context),
            clientAddress: context.clientAddress, credentialFailures: credentialFailures, metrics: metrics)
        return TradingSocketSession(socket: socket, conversation: conversation, messagesPerSecond: messagesPerSecond, onClose: onClose)
    }
}
