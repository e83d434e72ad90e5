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

    public var isEmpty: Bool {
        orders.isEmpty && fills.isEmpty && positions.isEmpty && removedPositions.isEmpty && balances.isEmpty
    }
}
