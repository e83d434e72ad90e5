import Generated
import Security
import Server
import Primitives
import APIRuntime
import Engine

/// One `/ws/market` connection (document B): `{"action":"subscribe","channel":"market",
/// "symbols":[…]}` and `{"action":"subscribe","channel":"orderbook","symbol":…,"depth":…}`,
/// and `unsubscribe` mirroring them. Bad requests get an `ErrorResponse`: the generated
/// `WsMarketRequest` decoder refuses what the spec forbids (an `orderbook` request without
/// `symbol`, a `market` one without `symbols`), answered `INVALID_MESSAGE`. Requests are
/// rate-limited as on `/ws` (`WebSocketFloodGuard`); none needs a token, so each is answered
/// at once on the event loop.
///
/// Symbols are taken in either form (`BTC/USDT`, `BTC-USDT`) and one the market does not have
/// is refused with `INVALID_CHANNEL`. Each order book subscription has the depth it asked for
/// (one channel per symbol and depth, registered in `bookDepths` for the bridge); subscribing
/// to a symbol's book again replaces the depth, and unsubscribing needs no depth.
final class MarketSocketSession: WebSocketSession {
    private let socket: WebSocketHandle
    private let broadcaster: ChannelBroadcaster
    private let symbols: SymbolResolver
    private let bookDepths: OrderBookDepths
    private var floodGuard: WebSocketFloodGuard
    private let onClose: @Sendable () -> Void
    /// The price channels subscribed.
    private var channels: Set<String> = []
    /// The order book channel subscribed of each symbol (it names the depth).
    private var books: [SymbolKey: String] = [:]

    init(socket: WebSocketHandle, broadcaster: ChannelBroadcaster, symbols: @escaping SymbolResolver, bookDepths: OrderBookDepths,
         messagesPerSecond: Int, onClose: @escaping @Sendable () -> Void) {
        self.socket = socket
        self.broadcaster = broadcaster
        self.symbols = symbols
        self.bookDepths = bookDepths
        floodGuard = WebSocketFloodGuard(messagesPerSecond: messagesPerSecond)
        self.onClose = onClose
    }

    func received(text: String) {
        guard admitted() else { return }
        var issues: [FieldIssue] = []
        guard let json = ClientJSON.parse(Array(text.utf8), at: "message", issues: &issues) else {
            return sendError(.invalidMessage, "Invalid request: " + (issues.first.map { "\($0)" } ?? "not JSON"))
        }
        if let request = WsMarketRequest.decode(json, at: "message", issues: &issues) {
            return apply(request)
        }
        // A request whose only fault is a symbol names channels that do not exist: those get
        // INVALID_CHANNEL, and the request goes on with the valid symbols.
        let symbolsOnly = issues.allSatisfy { $0.field.hasPrefix("message.symbol") && $0.message.hasPrefix("must match") }
        guard symbolsOnly, case .object(var members) = json else {
            return sendError(.invalidMessage, "Invalid request" + (issues.first.map { ": \($0)" } ?? ""))
        }
        var rejected: [String] = []
        for index in members.indices {
            switch (members[index].key, members[index].value) {
            case ("symbols", .array(let items)):
                members[index].value = .array(items.filter { item in
                    guard case .string(let symbol) = item, !SymbolText.isValid(symbol) else { return true }
                    rejected.append(symbol)
                    return false
                })
            case ("symbol", .string(let symbol)) where !SymbolText.isValid(symbol):
                rejected.append(symbol)
            default:
                break
            }
        }
        for symbol in rejected { sendError(.invalidChannel, "Invalid symbol: \(symbol)") }
        var ignored: [FieldIssue] = []
        if let request = WsMarketRequest.decode(.object(members), at: "message", issues: &ignored) { apply(request) }
    }

    private func apply(_ request: WsMarketRequest) {
        switch request {
        case .market(let prices):
            for name in prices.symbols {
                guard let symbol = resolve(name) else { continue }
                let channel = MarketChannel.price(symbol.key)
                switch prices.action {
                case .subscribe:
                    broadcaster.subscribe(socket, to: channel)
                    channels.insert(channel)
                case .unsubscribe:
                    broadcaster.unsubscribe(socket, from: channel)
                    channels.remove(channel)
                }
            }
        case .orderbook(let book):
            guard let symbol = resolve(book.symbol) else { return }
            if let current = books.removeValue(forKey: symbol.key) { broadcaster.unsubscribe(socket, from: current) }
            guard book.action == .subscribe else { return }
            // Registered before subscribing, so the bridge never misses a subscriber.
            bookDepths.insert(book.depth, for: symbol.key)
            let channel = MarketChannel.orderBook(symbol.key, depth: book.depth)
            broadcaster.subscribe(socket, to: channel)
            books[symbol.key] = channel
        }
    }

    /// The market's symbol `name` names; nil, answered `INVALID_CHANNEL`, when there is none.
    private func resolve(_ name: String) -> SymbolSpec? {
        guard let symbol = symbols(name) else {
            sendError(.invalidChannel, "Unknown symbol: \(name)")
            return nil
        }
        return symbol
    }

    func received(binary: [UInt8]) {
        guard admitted() else { return }
        sendError(.invalidMessage, "Binary messages are not part of the protocol; send JSON text")
    }

    func closed() {
        broadcaster.unsubscribe(socket, from: channels)
        broadcaster.unsubscribe(socket, from: books.values)
        channels.removeAll()
        books.removeAll()
        onClose()
    }

    /// Whether the flood guard lets a request through; a refusal may tell the client, and a
    /// flood that goes on closes the connection with 1008.
    private func admitted() -> Bool {
        switch floodGuard.admit(now: RateLimiter.monotonicSeconds()) {
        case .accept:
            return true
        case .refuse(let notify):
            if notify { sendError(.rateLimited, floodGuard.refusalMessage) }
        case .disconnect(let reason):
            socket.close(.policyViolation, reason: reason)
        case .ignore:
            break
        }
        return false
    }

    private func sendError(_ code: ErrorCode, _ message: String) {
        socket.send(WsMarketMessage.errorResponse(ErrorResponse(code: code, message: message)))
    }
}
