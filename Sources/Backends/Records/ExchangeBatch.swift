/// Everything the paper exchange changed since its last write, stored by
/// `ExchangeRepository.apply` in one transaction: a command is answered, and its updates
/// streamed, only once the batch holding it is committed. Each list holds final states:
/// an order, position or balance named twice keeps its last entry.
public struct ExchangeBatch: Sendable, Equatable {
    /// Orders created or changed, whole (inserted, or rewritten by id).
    public var orders: [OrderRecord]
    /// New fills; a fill id already stored fails the batch.
    public var fills: [FillRecord]
    /// Positions opened or changed, each with the lots it opened or reduced (written whole, by
    /// id); its other lots stay as stored.
    public var positions: [PositionState]
    /// Lots closed: removed.
    public var removedLotIDs: [String]
    /// Positions closed: removed with their lots. An id must not also be in `positions`.
    public var removedPositionIDs: [String]
    /// Balances changed, whole (by asset).
    public var balances: [BalanceRecord]
    /// Strategies created or changed (settings, running, counters, state), whole (by id):
    /// written first, so the orders they place can name them.
    public var strategies: [StrategyRecord]
    /// Strategies deleted: removed last (their orders stay, detached).
    public var removedStrategyIDs: [String]
    /// Errors to record (`error_log`): a strategy that failed, a signal the risk check refused.
    public var errors: [ErrorLogRecord]

    /// A batch; every list empty unless given.
    public init(orders: [OrderRecord] = [], fills: [FillRecord] = [], positions: [PositionState] = [], removedLotIDs: [String] = [],
                removedPositionIDs: [String] = [], balances: [BalanceRecord] = [], strategies: [StrategyRecord] = [],
                removedStrategyIDs: [String] = [], errors: [ErrorLogRecord] = []) {
        self.orders = orders
        self.fills = fills
        self.positions = positions
        self.removedLotIDs = removedLotIDs
        self.removedPositionIDs = removedPositionIDs
        self.balances = balances
        self.strategies = strategies
        self.removedStrategyIDs = removedStrategyIDs
        self.errors = errors
    }

    /// True when the batch changes nothing.
    public var isEmpty: Bool {
        orders.isEmpty && fills.isEmpty && positions.isEmpty && removedLotIDs.isEmpty && removedPositionIDs.isEmpty && balances.isEmpty
            && strategies.isEmpty && removedStrategyIDs.isEmpty && errors.isEmpty
    }
}
