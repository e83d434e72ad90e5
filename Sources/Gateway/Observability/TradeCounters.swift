import Engine
import Synchronization

/// Orders placed and fills executed on the paper exchange, by symbol (market form,
/// `BTC-USDT`) and strategy (`manual` for orders placed through the API), counted from each
/// batch of the exchange once it has committed, so the counts agree with what is stored.
public final class TradeCounters: Sendable {
    /// A symbol and a strategy.
    public struct Key: Hashable, Sendable, Comparable {
        public var symbol: String
        public var strategy: String

        public static func < (lhs: Key, rhs: Key) -> Bool { (lhs.symbol, lhs.strategy) < (rhs.symbol, rhs.strategy) }
    }

    /// The strategy label of orders no strategy placed.
    public static let manual = "manual"

    private struct State {
        var orders: [Key: Int] = [:]
        var fills: [Key: Int] = [:]
        /// When the current engine started: orders created before it were restored, not placed.
        var engineStart = 0
        /// The newest order sequence counted: an order's first event is its placement.
        var lastSequence: UInt64 = 0
    }

    private let state = Mutex(State())

    public init() {}

    /// An engine starts at `time` on a restored exchange: its restored orders are not new.
    public func engineStarted(at time: Int) {
        state.withLock { state in
            state.engineStart = time
            state.lastSequence = 0
        }
    }

    /// Counts the orders placed and the fills of a committed batch.
    public func record(_ changes: ExchangeChanges) {
        guard !changes.orderEvents.isEmpty || !changes.fills.isEmpty else { return }
        var strategies: [String: String] = [:]
        for order in changes.orders + changes.orderEvents { strategies[order.id] = order.strategyID ?? Self.manual }
        state.withLock { state in
            // Sequences grow with each placement, and an order's first event is its placement.
            for order in changes.orderEvents where order.createdAt >= state.engineStart && order.sequence > state.lastSequence {
                state.lastSequence = order.sequence
                state.orders[Key(symbol: order.symbol.marketForm, strategy: order.strategyID ?? Self.manual), default: 0] += 1
            }
            for fill in changes.fills {
                // A fill's order changed with it, so it is in the same batch.
                state.fills[Key(symbol: fill.symbol.marketForm, strategy: strategies[fill.orderID] ?? "unknown"), default: 0] += 1
            }
        }
    }

    /// The counts so far.
    public var snapshot: (orders: [Key: Int], fills: [Key: Int]) {
        state.withLock { ($0.orders, $0.fills) }
    }
}
