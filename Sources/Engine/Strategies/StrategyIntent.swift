/// What a strategy asks for.
public enum StrategyIntent: Sendable, Equatable {
    /// Place an order (a signal: it is counted and streamed as `signal_generated`).
    case order(Signal)
    /// Cancel the strategy's open orders of `symbol` carrying `tag` (every tag when nil).
    case cancel(symbol: Int, tag: Int?)
}

/// A trading signal: an order the strategy wants, before the risk check.
public struct Signal: Sendable, Equatable {
    /// Document A's `signal_type`: an entry opens or adds to a position, an exit reduces it.
    public enum Kind: String, Sendable, Equatable {
        case entry = "Entry"
        case exit = "Exit"
    }

    /// An index into the strategy's symbols.
    public var symbol: Int
    public var kind: Kind
    public var side: OrderSide
    /// Lots (the symbol's quantity units), more than 0.
    public var quantity: Int64
    /// The limit price in ticks; nil for a market order.
    public var limit: Int64?
    /// A stop (ticks): the order waits until the last trade reaches it (a buy at or above, a
    /// sell at or below) and then executes at the market; `limit` is nil then.
    public var stop: Int64?
    /// A number of the strategy's choosing that comes back with the order's fills (a grid
    /// level, a split).
    public var tag: Int
    /// Why, in a few words (`RSI 27.4 below 30`).
    public var reason: String

    public init(symbol: Int, kind: Kind, side: OrderSide, quantity: Int64, limit: Int64? = nil, stop: Int64? = nil, tag: Int = 0,
                reason: String) {
        self.symbol = symbol
        self.kind = kind
        self.side = side
        self.quantity = quantity
        self.limit = limit
        self.stop = stop
        self.tag = tag
        self.reason = reason
    }
}

/// A fill of one of the strategy's orders.
public struct StrategyFill: Sendable, Equatable {
    public var symbol: Int
    public var side: OrderSide
    /// Lots and ticks.
    public var quantity: Int64
    public var price: Int64
    /// The tag of the signal that made the order.
    public var tag: Int
    /// True when the order has nothing left to fill (filled, or its rest cancelled).
    public var orderDone: Bool

    public init(symbol: Int, side: OrderSide, quantity: Int64, price: Int64, tag: Int, orderDone: Bool) {
        self.symbol = symbol
        self.side = side
        self.quantity = quantity
        self.price = price
        self.tag = tag
        self.orderDone = orderDone
    }
}
