import Backends

/// What the exchange changed since the last `takeChanges()`: for persistence the newest state
/// of every changed order, position and balance, the new fills, the lots written and closed,
/// the positions closed; for the streams every state an order went through, in order, and the
/// positions the fills moved.
public struct ExchangeChanges: Sendable {
    public var orders: [ExchangeOrder] = []
    public var orderEvents: [ExchangeOrder] = []
    public var fills: [Fill] = []
    /// Positions changed, as `Position.summary` (no lots: see `lots`).
    public var positions: [Position] = []
    /// How the lots of those positions changed.
    public var lots: [LotChanges] = []
    public var removedPositions: [String] = []
    public var balances: [(asset: String, balance: AssetBalance)] = []
    /// Strategies created or changed (their newest row), deleted, the errors to record and
    /// the strategy events to stream, in order.
    public var strategies: [StrategyRecord] = []
    public var removedStrategies: [String] = []
    public var errors: [ErrorLogRecord] = []
    public var strategyEvents: [StrategyEvent] = []

    /// The lots of one position opened or reduced (their newest state) and closed.
    public struct LotChanges: Sendable, Equatable {
        public var positionID: String
        public var written: [Lot]
        public var closed: [Identifier]

        public init(positionID: String, written: [Lot], closed: [Identifier]) {
            self.positionID = positionID
            self.written = written
            self.closed = closed
        }

        /// Adds `newer` changes of the same position: a lot written again keeps its newer
        /// state, and a lot closed is no longer written.
        mutating func merge(_ newer: LotChanges) {
            let replaced = Set(newer.written.map(\.identifier)).union(newer.closed)
            written = written.filter { !replaced.contains($0.identifier) } + newer.written
            closed += newer.closed
        }
    }

    /// No change.
    public init() {}

    /// Adds `newer` changes after these: the newest state of each order, position, lot and
    /// balance wins, fills and events keep their order, and a position closed in `newer` drops
    /// its earlier state and lots.
    public mutating func merge(_ newer: ExchangeChanges) {
        let replacedOrders = Set(newer.orders.map(\.terms.identifier))
        orders = orders.filter { !replacedOrders.contains($0.terms.identifier) } + newer.orders
        orderEvents += newer.orderEvents
        fills += newer.fills
        let replacedPositions = Set(newer.positions.map(\.id)).union(newer.removedPositions)
        positions = positions.filter { !replacedPositions.contains($0.id) } + newer.positions
        let removed = Set(newer.removedPositions)
        lots.removeAll { removed.contains($0.positionID) }
        for change in newer.lots {
            if let index = lots.firstIndex(where: { $0.positionID == change.positionID }) {
                lots[index].merge(change)
            } else {
                lots.append(change)
            }
        }
        let reopened = Set(newer.positions.map(\.id))
        removedPositions = removedPositions.filter { !reopened.contains($0) } + newer.removedPositions
        let replacedAssets = Set(newer.balances.map(\.asset))
        balances = balances.filter { !replacedAssets.contains($0.asset) } + newer.balances
        let replacedStrategies = Set(newer.strategies.map(\.id)).union(newer.removedStrategies)
        strategies = strategies.filter { !replacedStrategies.contains($0.id) } + newer.strategies
        let recreated = Set(newer.strategies.map(\.id))
        removedStrategies = removedStrategies.filter { !recreated.contains($0) } + newer.removedStrategies
        errors += newer.errors
        strategyEvents += newer.strategyEvents
    }

    public var isEmpty: Bool {
        orders.isEmpty && fills.isEmpty && positions.isEmpty && removedPositions.isEmpty && balances.isEmpty
            && strategies.isEmpty && removedStrategies.isEmpty && errors.isEmpty && strategyEvents.isEmpty
    }
}
