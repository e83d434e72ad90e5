import Generated
import Security
import Server
import Primitives
import APIRuntime
import Accounts
import Engine

/// The `/ws/market` dialect's channel names inside the broadcaster, the symbol in its market
/// form whichever form the client wrote.
public enum MarketChannel {
    /// Prices of one symbol (`WsMarketPrice` messages).
    public static func price(_ symbol: SymbolKey) -> String { "ws-market:price:" + symbol.marketForm }
    /// The order book of one symbol at one depth (`WsMarketOrderBook` messages with `depth`
    /// levels a side): clients asking for different depths get different messages.
    public static func orderBook(_ symbol: SymbolKey, depth: Int) -> String {
        "ws-market:orderbook:" + symbol.marketForm + ":" + String(depth)
    }
}

extension WebSocketHandle {
    /// Sends one generated message as a text frame, encoded straight to bytes.
    func send<Message: JSONEncodable>(_ message: Message) {
        send(frame: WebSocketFrameEncoder.text(json: message))
    }
}

extension WebSocketFrameEncoder {
    /// One generated message as a text frame, encoded straight to bytes.
    static func text<Message: JSONEncodable>(json message: Message) -> [UInt8] {
        encode(.text, payload: JSONWriter.encode(message))
    }
}
