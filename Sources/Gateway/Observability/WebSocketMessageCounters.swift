import Synchronization

/// Messages the WebSocket streams published, by channel kind: each publish to a channel with
/// subscribers counts one message, and one copy sent per subscriber it reached. Counted with
/// relaxed atomic adds beside each publish (never per frame or per connection), so the
/// streams take no lock for it.
public final class WebSocketMessageCounters: Sendable {
    /// The kinds of channel, each with its endpoint and the name `/metrics` shows.
    public enum Channel: Int, CaseIterable, Sendable {
        /// `/ws`: `market:{symbol}` (tickers and trades), `all_markets`, `kline:{symbol}:{tf}`,
        /// `orderbook:{symbol}`, and the account's `orders`, `positions`, `strategies`.
        case market, allMarkets, kline, orderbook, orders, positions, strategies
        /// `/ws/market`: prices and order books of one symbol.
        case marketPrice, marketOrderBook

        /// The WebSocket endpoint.
        public var path: String {
            switch self {
            case .marketPrice, .marketOrderBook: "/ws/market"
            default: "/ws"
            }
        }

        /// The channel's name without its symbol (as clients subscribe to it).
        public var name: String {
            switch self {
            case .market: "market"
            case .allMarkets: "all_markets"
            case .kline: "kline"
            case .orderbook: "orderbook"
            case .orders: "orders"
            case .positions: "positions"
            case .strategies: "strategies"
            case .marketPrice: "price"
            case .marketOrderBook: "orderbook"
            }
        }
    }

    private let messages: InlineArray<16, Atomic<Int>>
    private let copies: InlineArray<16, Atomic<Int>>

    public init() {
        messages = InlineArray { _ in Atomic(0) }
        copies = InlineArray { _ in Atomic(0) }
    }

    /// Counts one publish to `channel` that reached `subscribers` connections (none: not counted).
    public func published(_ channel: Channel, reached subscribers: Int) {
        guard subscribers > 0 else { return }
        messages[channel.rawValue].wrappingAdd(1, ordering: .relaxed)
        copies[channel.rawValue].wrappingAdd(subscribers, ordering: .relaxed)
    }

    /// Each channel kind's messages and copies sent so far.
    public var snapshot: [(channel: Channel, messages: Int, sent: Int)] {
        Channel.allCases.map { ($0, messages[$0.rawValue].load(ordering: .relaxed), copies[$0.rawValue].load(ordering: .relaxed)) }
    }
}
