import Primitives

/// The paper exchange: one account's orders matched against the market's synthetic depth.
///
/// - A marketable order takes liquidity (taker fee) from the symbol's synthetic book, walking
///   its levels; a market order no further than `maxSlippageBasisPoints` from the best price.
///   What it takes is used up until the market makes the book again (`setBook`).
/// - A limit order's remainder rests in price-time priority and makes liquidity (maker fee):
///   it fills at its own price when a market trade crosses it (`marketTrade`, up to that
///   trade's size) or when a new book crosses it (`setBook`, up to that book's depth).
/// - The account's own orders never trade with each other (self-trade prevention).
/// - StopLoss / TakeProfit orders wait (`Pending`) until the last trade crosses their price,
///   then execute as market orders.
/// - Balances lock what open orders may spend: a buy its limit notional plus the taker fee, a
///   sell its quantity; a spot sell never exceeds the position of its own symbol and strategy.
/// - Every fill moves its position's FIFO lots and the balances, and is handed to the market
///   (`takeTrades`) so that it shows as a trade and moves the price.
///
/// Not thread-safe: the engine thread owns it.
public final class PaperExchange {
    public let settings: ExchangeSettings
    public let scales: AssetScales
    var books: [SymbolKey: SymbolBook] = [:]
    var slots: [ExchangeOrder?] = []
    var freeSlots: [Int] = []
    var slotByID: [String: Int] = [:]
    /// Every client order id ever used, with its order's id.
    var clientOrderIDs: [String: String] = [:]
    /// Active GTD orders.
    var expiring: Set<Int> = []
    public internal(set) var balances: [String: AssetBalance] = [:]
    public internal(set) var positions: [PositionKey: Position] = [:]
    /// Profit or loss realized by positions since closed (quote units, all quote assets summed
    /// per position's own quote: callers group by pair).
    public internal(set) var closedRealizedPnl: Int128 = 0
    /// Lots of each spot position that its open sell orders hold.
    var reserved: [PositionKey: Int64] = [:]
    var identifiers: IdentifierSource
    var sequence: UInt64 = 0
    // What changed since `takeChanges`.
    var changedOrders: [String: ExchangeOrder] = [:]
    var changedOrderIDs: [String] = []
    var orderEvents: [ExchangeOrder] = []
    var fills: [Fill] = []
    var changedPositions: Set<PositionKey> = []
    var removedPositions: [String] = []
    var changedAssets: Set<String> = []
    /// Fills to show as market trades, in order.
    var trades: [(symbol: SymbolKey, tick: Tick)] = []

    /// An exchange for `symbols` with the starting balances of `settings`; `seed` seeds ids.
    public init(settings: ExchangeSettings, symbols: [SymbolSpec], seed: UInt64) {
        self.settings = settings
        scales = AssetScales(symbols: symbols, extra: Array(settings.startingBalances.keys))
        identifiers = IdentifierSource(seed: seed)
        for spec in symbols { add(spec) }
        for (asset, amount) in settings.startingBalances {
            balances[asset] = AssetBalance(free: amount.rescaled(to: scales.digits(of: asset)).units)
            changedAssets.insert(asset)
        }
    }

    /// Adds a symbol the exchange trades (its assets must fit the account's scales).
    public func add(_ spec: SymbolSpec) {
        guard books[spec.key] == nil else { return }
        books[spec.key] = SymbolBook(spec: spec, pair: TradingPair(spec, scales: scales))
    }

    /// The trading pair of a symbol.
    public func pair(of symbol: SymbolKey) -> TradingPair? { books[symbol]?.pair }

    // MARK: Restoring

    /// Restores the account after a restart: balances (their totals), positions, the active
    /// orders (back on the book, each locking again what its rest needs: the locked part of
    /// every balance is set to what its orders lock, the free part to the rest of the total),
    /// and every client order id used. Marks nothing changed.
    public func restore(balances: [String: AssetBalance], positions: [Position], orders: [ExchangeOrder], clientOrderIDs: [String: String]) {
        self.balances = balances
        self.positions = Dictionary(uniqueKeysWithValues: positions.map { ($0.key, $0) })
        self.clientOrderIDs = clientOrderIDs
        var locked: [String: Int128] = [:]
        for order in orders.sorted(by: { $0.sequence < $1.sequence }) where order.status.isActive {
            sequence = max(sequence, order.sequence)
            let slot = store(order)
            if order.side == .sell {
                reserved[positionKey(order), default: 0] += order.remaining
            }
            restLocks(slot)
            if let pair = books[order.symbol]?.pair {
                locked[order.side == .buy ? pair.quote : pair.base, default: 0] += slots[slot]!.locked
            }
            place(restored: slot)
        }
        for (asset, balance) in self.balances {
            let held = locked[asset] ?? 0
            self.balances[asset] = AssetBalance(free: balance.total - held, locked: held)
        }
        changedAssets.removeAll()
        orderEvents.removeAll()
        changedOrders.removeAll()
        changedOrderIDs.removeAll()
    }

    /// A restored order locks what it locked before the restart.
    private func restLocks(_ slot: Int) {
        guard let order = slots[slot], let book = books[order.symbol] else { return }
        let amount = order.side == .buy ? buyLock(price: lockPrice(order, book), quantity: order.remaining, book.pair)
            : Int128(order.remaining) * book.pair.baseFactor
        slots[slot]!.locked = amount
    }

    private func place(restored slot: Int) {
        guard let order = slots[slot] else { return }
        if order.kind.isTriggered {
            books[order.symbol]?.triggers.append(slot)
        } else if let price = order.price {
            rest(slot, at: price)
        }
        if order.timeInForce.expiresAt != nil { expiring.insert(slot) }
    }

    // MARK: Commands

    /// The order `request` would be, placed now; or why not (nothing changes then). A known
    /// `clientOrderID` answers its original order (see `originalOrder(clientOrderID:)`).
    public func place(_ request: OrderRequest, at time: Int) throws(ExchangeRefusal) -> ExchangeOrder {
        guard let book = books[request.symbol] else { throw .unknownSymbol(request.symbol.marketForm) }
        try validate(request, book: book)
        let pair = book.pair
        let key = PositionKey(exchange: PositionKey.spot, symbol: request.symbol, strategyID: request.strategyID)
        // What the order locks, checked against the free balance (and a sell against its position).
        var lock: Int128
        var lockedAsset: String
        if request.side == .buy {
            lockedAsset = pair.quote
            if request.kind == .market {
                lock = try marketBuyCost(request, book: book)
            } else {
                lock = buyLock(price: lockPrice(request, book), quantity: request.quantity, pair)
            }
            if positions[key] == nil, positions.count >= settings.maxPositions { throw .positionLimit(settings.maxPositions) }
        } else {
            lockedAsset = pair.base
            lock = Int128(request.quantity) * pair.baseFactor
            let held = (positions[key]?.quantity ?? 0) - (reserved[key] ?? 0)
            guard held >= request.quantity else {
                throw .insufficientBalance("a spot sell of \(request.quantity) lots exceeds the \(max(0, held)) lots the position "
                                           + "of \(request.symbol.orderForm) (\(request.strategyID ?? "manual")) holds free")
            }
        }
        let free = balances[lockedAsset]?.free ?? 0
        guard free >= lock else {
            throw .insufficientBalance("\(lockedAsset) free \(scales.decimal(free, of: lockedAsset)), the order needs "
                                       + "\(scales.decimal(lock, of: lockedAsset))")
        }
        if request.timeInForce == .fok, request.kind == .limit, let price = request.price {
            let available = book.takeable(for: request.side, within: price).reduce(Int64(0)) { $0 + $1.quantity }
            if available < request.quantity {
                return finish(new: request, status: .expired, reason: "fill or kill: only \(available) of \(request.quantity) lots "
                              + "available at \(price) or better", time: time)
            }
        }
        // Accepted: lock, then trade what is marketable, then rest or end.
        balances[lockedAsset, default: AssetBalance()].free -= lock
        balances[lockedAsset, default: AssetBalance()].locked += lock
        changedAssets.insert(lockedAsset)
        sequence += 1
        let status: OrderStatus = request.kind.isTriggered ? .pending : .open
        let id = identifiers.next()
        let slot = store(ExchangeOrder(id: id, request: request, status: status, time: time, sequence: sequence))
        record(slot)
        slots[slot]!.locked = lock
        if request.side == .sell { reserved[key, default: 0] += request.quantity }
        if let clientOrderID = request.clientOrderID { clientOrderIDs[clientOrderID] = slots[slot]!.id }
        switch request.kind {
        case .market:
            take(slot, within: slippageLimit(request.side, book: book) ?? (request.side == .buy ? .max : 1), at: time)
            endTaker(slot, at: time)
        case .limit:
            take(slot, within: request.price!, at: time)
            if let order = slots[slot], order.status.isActive {
                switch request.timeInForce {
                case .ioc, .fok: end(slot, .expired, reason: "immediate or cancel: the rest did not fill at once", at: time)
                case .gtc, .gtd:
                    rest(slot, at: request.price!)
                    if request.timeInForce.expiresAt != nil { expiring.insert(slot) }
                }
            }
        case .stopLoss, .takeProfit:
            books[request.symbol]!.triggers.append(slot)
            if request.timeInForce.expiresAt != nil { expiring.insert(slot) }
        }
        return changedOrders[id]!
    }

    /// The order placed earlier with `clientOrderID`, by id; nil when none was.
    public func orderID(clientOrderID: String) -> String? { clientOrderIDs[clientOrderID] }

    /// Cancels an active order, unlocking what it held.
    public func cancel(id: String, reason: String?, at time: Int) throws(ExchangeRefusal) -> ExchangeOrder {
        guard let slot = slotByID[id], let order = slots[slot] else {
            if let finished = changedOrders[id] { throw .notActive(id: id, status: finished.status) }
            throw .orderNotFound(id)
        }
        guard order.status.isActive else { throw .notActive(id: id, status: order.status) }
        end(slot, .cancelled, reason: reason ?? "cancelled by request", at: time)
        return changedOrders[id]!
    }

    /// An active order by id.
    public func activeOrder(id: String) -> ExchangeOrder? { slotByID[id].flatMap { slots[$0] } }

    /// Every active order, oldest first.
    public var activeOrders: [ExchangeOrder] { slots.compactMap { $0 }.sorted { $0.sequence < $1.sequence } }

    // MARK: The market

    /// A market trade: triggers whose price it crosses fire, and resting orders it crosses fill
    /// (up to its size, in price-time priority).
    public func marketTrade(_ symbol: SymbolKey, _ tick: Tick) {
        guard var book = books[symbol] else { return }
        book.lastPrice = tick.price
        books[symbol] = book
        if !book.triggers.isEmpty { fireTriggers(symbol, price: tick.price, at: tick.time) }
        fillResting(symbol, side: .buy, crossedBy: tick.price, liquidity: tick.quantity, at: tick.time)
        fillResting(symbol, side: .sell, crossedBy: tick.price, liquidity: tick.quantity, at: tick.time)
    }

    /// The market made a new book for `symbol`: it replaces the depth orders take from, and
    /// resting orders it crosses fill against it.
    public func setBook(_ symbol: SymbolKey, _ synthetic: L2Book, at time: Int) {
        guard var book = books[symbol] else { return }
        book.synthetic = synthetic
        book.usedBids = 0
        book.usedAsks = 0
        books[symbol] = book
        for side in OrderSide.allCases { fillRestingAgainstBook(symbol, side: side, at: time) }
    }

    /// The synthetic depth left of a symbol's book.
    public func depth(of symbol: SymbolKey) -> L2Book? { books[symbol]?.remainingDepth }

    /// Expires GTD orders whose time has come.
    public func expire(at time: Int) {
        for slot in expiring {
            guard let order = slots[slot], let expiresAt = order.timeInForce.expiresAt, expiresAt <= time else { continue }
            end(slot, .expired, reason: "good till \(Timestamp.iso8601(epochMilliseconds: expiresAt)) passed", at: time)
        }
    }

    /// Fills to show as market trades since the last call, in order.
    public func takeTrades() -> [(symbol: SymbolKey, tick: Tick)] {
        defer { trades.removeAll(keepingCapacity: true) }
        return trades
    }

    /// What changed since the last call.
    public func takeChanges() -> ExchangeChanges {
        var changes = ExchangeChanges()
        changes.orders = changedOrderIDs.compactMap { changedOrders[$0] }
        changes.orderEvents = orderEvents
        changes.fills = fills
        changes.positions = changedPositions.compactMap { positions[$0] }
        changes.removedPositions = removedPositions
        changes.balances = changedAssets.sorted().map { ($0, balances[$0] ?? AssetBalance()) }
        changedOrders.removeAll(keepingCapacity: true)
        changedOrderIDs.removeAll(keepingCapacity: true)
        orderEvents.removeAll(keepingCapacity: true)
        fills.removeAll(keepingCapacity: true)
        changedPositions.removeAll(keepingCapacity: true)
        removedPositions.removeAll(keepingCapacity: true)
        changedAssets.removeAll(keepingCapacity: true)
        return changes
    }
}
