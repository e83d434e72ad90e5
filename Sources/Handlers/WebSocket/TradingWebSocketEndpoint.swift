import Generated
import Server

/// `/ws` (document A's protocol) and `/ws/market` (document B's dialect). Publishers push
/// through `ChannelBroadcaster`; channel names are the spec's (`market:BTC-USDT`), and the
/// `/ws/market` dialect uses its own names (`MarketChannel`).
public struct TradingWebSocketEndpoint: WebSocketEndpoint {
    /// The channels both dialects subscribe to.
    public let broadcaster: ChannelBroadcaster
    let metrics: Metrics
    /// The protocol version announced in `welcome`.
    let version: String

    public init(broadcaster: ChannelBroadcaster, metrics: Metrics, version: String) {
        self.broadcaster = broadcaster
        self.metrics = metrics
        self.version = version
    }

    public func handles(path: String) -> Bool {
        WebSocketSpec.endpoints.contains { $0.path == path }
    }

    public func openSession(_ socket: WebSocketHandle, request: HTTPRequestHead, remoteAddress: String) -> any WebSocketSession {
        let path = String(request.path)
        metrics.webSocketOpened(path)
        let onClose: @Sendable () -> Void = { [metrics] in metrics.webSocketOpened(path, delta: -1) }
        if path == "/ws/market" {
            return MarketSocketSession(socket: socket, broadcaster: broadcaster, onClose: onClose)
        }
        let spec = WebSocketSpec.endpoints.first { $0.path == path }!
        return TradingSocketSession(socket: socket, broadcaster: broadcaster, spec: spec, version: version, onClose: onClose)
    }
}

/// The `/ws/market` dialect's channel names inside the broadcaster.
public enum MarketChannel {
    /// Prices of one symbol (`WsMarketPrice` messages).
    public static func price(_ symbol: String) -> String { "ws-market:price:" + symbol }
    /// The order book of one symbol (`WsMarketOrderBook` messages).
    public static func orderBook(_ symbol: String) -> String { "ws-market:orderbook:" + symbol }
}

extension WebSocketHandle {
    /// Sends one generated message as a text frame, encoded straight to bytes.
    func send<Message: JSONEncodable>(_ message: Message) {
        send(frame: WebSocketFrameEncoder.encode(.text, payload: JSONWriter.encode(message)))
    }
}
