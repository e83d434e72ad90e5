/// What the exchange changed since the last `takeChanges()`: for persistence the newest state
/// of every changed order, position and balance, the new fills, the positions closed; for the
/// streams every state an order went through, in order, and the positions the fills moved.
public struct ExchangeChanges: Sendable {
    public var orders: [ExchangeOrder] = []
    public var orderEvents: [ExchangeOrder] = []
    public var fills: [Fill] = []
    public var positions: [Position] = []
    public var removedPositions: [String] = []
    public var balances: [(asset: String, balance: AssetBalance)] = []

    /// No change.
    public init() {}

    /// Adds `newer` changes after these: the newest state of each order, position and balance
    /// wins, fills and events keep their order, and a position closed in `newer` drops its
    /// earlier state.
    public mutating func merge(_ newer: ExchangeChanges) {
        let replacedOrders = Set(newer.orders.map(\.id))
        orders = orders.filter { !replacedOrders.contains($0.id) } + newer.orders
        orderEvents += newer.orderEvents
        fills += newer.fills
        let replacedPositions = Set(newer.positions.map(\.id)).union(newer.removedPositions)
        positions = positions.filter { !replacedPositions.contains($0.id) } + newer.positions
        let reopened = Set(newer.positions.map(\.id))
        removedPositions = removedPositions.filter { !reopened.contains($0) } + newer.removedPositions
        let replacedAssets = Set(newer.balances.map(\.asset))
        balances = balances.filter { !replacedAssets.contains($0.asset) } + newer.balances
    }

    public var isEmpty: Bool {
        orders.isEmpty && fills.isEmpty && positions.isEmpty && removedPositions.isEmpty && balances.isEmpty
    }
}
