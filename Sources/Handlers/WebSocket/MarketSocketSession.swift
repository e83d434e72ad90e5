import Generated
import Server

/// One `/ws/market` connection (document B): `{"action":"subscribe","channel":"market",
/// "symbols":[…]}` and `{"action":"subscribe","channel":"orderbook","symbol":…,"depth":…}`,
/// and `unsubscribe` mirroring them. Bad requests get an `ErrorResponse`.
final class MarketSocketSession: WebSocketSession {
    private let socket: WebSocketHandle
    private let broadcaster: ChannelBroadcaster
    private let onClose: @Sendable () -> Void
    private var channels: Set<String> = []

    init(socket: WebSocketHandle, broadcaster: ChannelBroadcaster, onClose: @escaping @Sendable () -> Void) {
        self.socket = socket
        self.broadcaster = broadcaster
        self.onClose = onClose
    }

    func received(text: String) {
        var issues: [FieldIssue] = []
        guard let json = try? JSONParser.parse(text),
              let request = WsMarketRequest.decode(json, at: "message", issues: &issues) else {
            return sendError(.invalidMessage, "Invalid request" + (issues.first.map { ": \($0)" } ?? ": not JSON"))
        }
        let symbols: [String]
        switch request.channel {
        case .market:
            guard let list = request.symbols, !list.isEmpty else {
                return sendError(.invalidMessage, "The market channel needs `symbols`")
            }
            symbols = list
        case .orderbook:
            guard let symbol = request.symbol else { return sendError(.invalidMessage, "The orderbook channel needs `symbol`") }
            symbols = [symbol]
        }
        for symbol in symbols {
            guard SymbolText.isValid(symbol) else {
                sendError(.invalidChannel, "Invalid symbol: \(symbol)")
                continue
            }
            let channel = request.channel == .market ? MarketChannel.price(symbol) : MarketChannel.orderBook(symbol)
            switch request.action {
            case .subscribe:
                broadcaster.subscribe(socket, to: channel)
                channels.insert(channel)
            case .unsubscribe:
                broadcaster.unsubscribe(socket, from: channel)
                channels.remove(channel)
            }
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

    private func sendError(_ code: ErrorCode, _ message: String) {
        socket.send(WsMarketMessage.errorResponse(ErrorResponse(code: code, message: message)))
    }
}
