import Generated
import Security
import Server
import Primitives
import APIRuntime
import Accounts

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
