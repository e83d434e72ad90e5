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
/// Not thread-safe: the engine thread owns it. Its state is touched by that thread alone and
/// never through overlapping accesses, so its stored properties (and its books') skip the
/// run-time exclusivity check, which cost a fifth of the matching path (`bench/`).
public final class PaperExchange {
    public let settings: ExchangeSettings
    public let scales: AssetScales
    /// Symbols by index (orders keep theirs), and the index of each symbol.
    @exclusivity(unchecked) var books: [SymbolBook] = []
    @exclusivity(unchecked) var bookIndex: [SymbolKey: Int] = [:]
    /// Assets by index (books keep their base's and quote's) with their balances.
    @exclusivity(unchecked) var assetNames: [String] = []
    @exclusivity(unchecked) var assetIndex: [String: Int] = [:]
    @exclusivity(unchecked) var assetBalances: [AssetBalance] = []
    @exclusivity(unchecked) var slots = SlotTable<ExchangeOrder>()
    /// Active orders' slots by their id's key (`Identifier.key`), or by the id itself
    /// for an id not made here.
    @exclusivity(unchecked) var slotByKey: [UInt64: Int] = [:]
    @exclusivity(unchecked) var slotByOtherID: [String: Int] = [:]
    /// Every client order id ever used, with its order's id.
    @exclusivity(unchecked) var clientOrderIDs: [String: String] = [:]
    /// Active GTD orders.
    @exclusivity(unchecked) var expiring: Set<Int> = []
    /// Positions by slot, the slot of each key, and the lots each one's open sells hold.
    @exclusivity(unchecked) var positionSlots = SlotTable<Position>()
    @exclusivity(unchecked) var positionIndex: [PositionKey: Int] = [:]
    @exclusivity(unchecked) var reservedLots: [Int64] = []
    /// Counts the account's changes: it moves whenever an order, and so a balance or a
    /// position, changes (a restore counts as one).
    @exclusivity(unchecked) public internal(set) var version: UInt64 = 0
    /// The id of the fill being made (see `nextFillID`).
    @exclusivity(unchecked) var pendingFillID: Identifier?
    /// Profit or loss realized by positions since closed (quote units of each one's quote asset).
    @exclusivity(unchecked) public internal(set) var closedRealizedPnl: Int128 = 0
    @exclusivity(unchecked) var identifiers: IdentifierSource
    @exclusivity(unchecked) var sequence: UInt64 = 0
    // What changed since `takeChanges`.
    @exclusivity(unchecked) var changedOrders: [ExchangeOrder] = []
    /// Counts `takeChanges` calls: an order's `change` index holds while its generation is this.
    @exclusivity(unchecked) var changeGeneration: UInt32 = 1
    /// The index in `changedOrders` of the last order recorded.
    @exclusivity(unchecked) var lastChange = 0
    @exclusivity(unchecked) var orderEvents: [ExchangeOrder] = []
    @exclusivity(unchecked) var fills: [Fill] = []
    @exclusivity(unchecked) var changedPositions: [Int] = []
    @exclusivity(unchecked) var changedPositionFlags: [Bool] = []
    @exclusivity(unchecked) var removedPositions: [String] = []
    @exclusivity(unchecked) var changedAssets: [Int] = []
    @exclusivity(unchecked) var changedAssetFlags: [Bool] = []
    /// Fills to show as market trades, in order.
    @exclusivity(unchecked) var trades: [(symbol: SymbolKey, tick: Tick)] = []
    /// Fills of strategies' orders since `takeStrategyFills`, in order, each with whether its
    /// order has nothing left to fill.
    @exclusivity(unchecked) var strategyFills: [(strategyID: String, fill: Fill, orderDone: Bool)] = []

    /// An exchange for `symbols` with the starting balances of `settings`; `seed` seeds ids.
    public init(settings: ExchangeSettings, symbols: [SymbolSpec], seed: UInt64) {
        self.settings = settings
        scales = AssetScales(symbols: symbols, extra: Array(settings.startingBalances.keys))
        identifiers = IdentifierSource(seed: seed)
        for spec in symbols { add(spec) }
        for (asset, amount) in settings.startingBalances.sorted(by: { $0.key < $1.key }) {
            let index = self.asset(named: asset)
            assetBalances[index] = AssetBalance(free: amount.rescaled(to: scales.digits(of: asset)).units)
            markChanged(asset: index)
        }
    }

    /// Adds a symbol the exchange trades (its assets must fit the account's scales).
    public func add(_ spec: SymbolSpec) {
        guard bookIndex[spec.key] == nil else { return }
        let pair = TradingPair(spec, scales: scales)
        bookIndex[spec.key] = books.count
        books.append(SymbolBook(spec: spec, pair: pair, baseAsset: asset(named: pair.base), quoteAsset: asset(named: pair.quote)))
    }

    /// The index of an asset, added with a zero balance the first time.
    func asset(named name: String) -> Int {
        if let index = assetIndex[name] { return index }
        assetIndex[name] = assetNames.count
        assetNames.append(name)
        assetBalances.append(AssetBalance())
        changedAssetFlags.append(false)
        return assetNames.count - 1
    }

    /// Every asset's balance.
    public var balances: [String: AssetBalance] {
        Dictionary(uniqueKeysWithValues: zip(assetNames, assetBalances))
    }

    /// One asset's balance.
    public func balance(_ asset: String) -> AssetBalance? { assetIndex[asset].map { assetBalances[$0] } }

    /// Every open position.
    public var positions: [PositionKey: Position] {
        Dictionary(uniqueKeysWithValues: positionSlots.values.map { ($0.key, $0) })
    }

    /// One open position.
    public func position(_ key: PositionKey) -> Position? { positionIndex[key].flatMap { positionSlots.value(at: $0) } }

    // MARK: Restoring

    /// Restores the account after a restart: balances (their totals), positions, the active
    /// orders (back on the book, each locking again what its rest needs: the locked part of
    /// every balance is set to what its orders lock, the free part to the rest of the total),
    /// and every client order id used; new orders are numbered after `nextSequence` and every
    /// restored one. Marks nothing changed.
    public func restore(balances: [String: AssetBalance], positions: [Position], orders: [ExchangeOrder], clientOrderIDs: [String: String],
                        nextSequence: UInt64 = 0) {
        sequence = max(sequence, nextSequence)
        for (name, balance) in balances { assetBalances[asset(named: name)] = balance }
        for position in positions { _ = positionSlot(for: position.key, existing: position) }
        self.clientOrderIDs = clientOrderIDs
        var locked = [Int128](repeating: 0, count: assetNames.count)
        for order in orders.sorted(by: { $0.sequence < $1.sequence }) where order.status.isActive {
            guard let book = bookIndex[order.symbol] else { continue }
            sequence = max(sequence, order.sequence)
            var restored = order
            restored.book = book
            let slot = store(restored)
            index(slot)
            if order.side == .sell, let position = positionIndex[positionKey(order)] {
                slots[slot].position = position
                reservedLots[position] += order.remaining
            }
            let pair = books[book].pair
            let amount = order.side == .buy ? buyLock(price: lockPrice(kind: order.kind, price: order.price ?? 0), quantity: order.remaining, pair)
                : Int128(order.remaining) * pair.baseFactor
            slots[slot].locked = amount
            locked[order.side == .buy ? books[book].quoteAsset : books[book].baseAsset] += amount
            if order.kind.isTriggered {
                books[book].triggers.append(slot)
            } else if let price = order.price {
                rest(slot, at: price)
            }
            if order.timeInForce.expiresAt != nil { expiring.insert(slot) }
        }
        // Margin positions hold their margin in their quote asset.
        for position in positions where position.key.exchange == PositionKey.margin {
            guard let book = bookIndex[position.key.symbol] else { continue }
            locked[books[book].quoteAsset] += position.margin
        }
        for index in assetBalances.indices {
            let total = assetBalances[index].total
            assetBalances[index] = AssetBalance(free: total - locked[index], locked: locked[index])
        }
        for asset in changedAssets { changedAssetFlags[asset] = false }
        changedAssets.removeAll()
        orderEvents.removeAll()
        changedOrders.removeAll()
        changeGeneration &+= 1
        version &+= 1
    }

    /// The slot of the position of `key`, made (flat, or as `existing`) when there is none.
    func positionSlot(for key: PositionKey, existing: Position? = nil, at time: Int = 0) -> Int {
        if let slot = positionIndex[key] { return slot }
        let position = existing ?? Position(id: identifiers.next().description, key: key, openedAt: time, updatedAt: time)
        let slot = positionSlots.insert(position)
        if slot == reservedLots.count { reservedLots.append(0) } else { reservedLots[slot] = 0 }
        positionIndex[key] = slot
        return slot
    }

    // MARK: Commands

    /// The order `request` would be, placed now; or why not (nothing changes then). Callers
    /// look up a known `clientOrderID` first (`orderID(clientOrderID:)`).
    public func place(_ request: OrderRequest, at time: Int) throws(ExchangeRefusal) -> ExchangeOrder {
        guard let bookNumber = bookIndex[request.symbol] else { throw .unknownSymbol(request.symbol.marketForm) }
        try validate(request)
        if let clientOrderID = request.clientOrderID, clientOrderIDs[clientOrderID] != nil {
            // Callers answer a known id with its order first (`orderID(clientOrderID:)`): one id, one order.
            throw .invalid(field: "body.client_order_id", reason: "already used by order \(clientOrderIDs[clientOrderID]!)")
        }
        let pair = books[bookNumber].pair
        let key = PositionKey(exchange: PositionKey.spot, symbol: request.symbol, strategyID: request.strategyID)
        let existing = positionIndex[key]
        // What the order locks, checked against the free balance (and a sell against its position).
        let lock: Int128
        let lockedAsset: Int
        if request.side == .buy {
            lockedAsset = books[bookNumber].quoteAsset
            if request.kind == .market {
                let limit = slippageLimit(.buy, book: books[bookNumber]) ?? 0
                let (_, notional) = books[bookNumber].available(for: .buy, within: limit, wanted: request.quantity)
                lock = notional == 0 ? 0 : buyLock(notional: notional, pair)
            } else {
                lock = buyLock(price: lockPrice(kind: request.kind, price: request.price!), quantity: request.quantity, pair)
            }
            if existing == nil, positionIndex.count >= settings.maxPositions { throw .positionLimit(settings.maxPositions) }
        } else {
            lockedAsset = books[bookNumber].baseAsset
            lock = Int128(request.quantity) * pair.baseFactor
            let held = existing.map { (positionSlots.contains($0) ? positionSlots[$0].quantity : 0) - reservedLots[$0] } ?? 0
            guard held >= request.quantity else {
                let quantities = books[bookNumber].spec.quantities
                throw .insufficientBalance("a spot sell of \(quantities.decimal(request.quantity)) exceeds the \(quantities.decimal(max(0, held))) "
                                           + "the position of \(request.symbol.orderForm) (\(request.strategyID ?? "manual")) holds free")
            }
        }
        let free = assetBalances[lockedAsset].free
        guard free >= lock else {
            let name = assetNames[lockedAsset]
            throw .insufficientBalance("\(name) free \(scales.decimal(free, of: name)), the order needs \(scales.decimal(lock, of: name))")
        }
        if request.timeInForce == .fok, request.kind == .limit, let price = request.price {
            let available = books[bookNumber].available(for: request.side, within: price, wanted: request.quantity).quantity
            if available < request.quantity {
                return finish(new: request, status: .expired, reason: "fill or kill: only \(available) of \(request.quantity) lots "
                              + "available at \(price) or better", time: time)
            }
        }
        // Accepted: lock, then trade what is marketable, then rest or end.
        assetBalances[lockedAsset].free -= lock
        assetBalances[lockedAsset].locked += lock
        markChanged(asset: lockedAsset)
        sequence += 1
        var order = ExchangeOrder(id: identifiers.next(), request: request, status: request.kind.isTriggered ? .pending : .open, time: time,
                                  sequence: sequence)
        order.book = bookNumber
        order.locked = lock
        if request.side == .sell, let existing {
            order.position = existing
            reservedLots[existing] += request.quantity
        }
        let slot = store(order)
        record(slot)
        let change = slots[slot].change
        if let clientOrderID = request.clientOrderID { clientOrderIDs[clientOrderID] = order.id }
        switch request.kind {
        case .market:
            take(slot, within: slippageLimit(request.side, book: books[bookNumber]) ?? (request.side == .buy ? .max : 1), at: time)
            endTaker(slot, at: time)
        case .limit:
            take(slot, within: request.price!, at: time)
            if slots.contains(slot), slots[slot].sequence == order.sequence, slots[slot].status.isActive {
                switch request.timeInForce {
                case .ioc, .fok: end(slot, .expired, reason: "immediate or cancel: the rest did not fill at once", at: time)
                case .gtc, .gtd:
                    rest(slot, at: request.price!)
                    if request.timeInForce.expiresAt != nil { expiring.insert(slot) }
                }
            }
        case .stopLoss, .takeProfit:
            books[bookNumber].triggers.append(slot)
            if request.timeInForce.expiresAt != nil { expiring.insert(slot) }
        }
        // Still working: findable by id from now on.
        if slots.contains(slot), slots[slot].sequence == order.sequence { index(slot) }
        return changedOrders[change]
    }

    /// Opens (or adds to, reduces, flips) the margin position of `symbol` at the market, as
    /// document B's `POST /portfolio/positions`: a market order of `quantity` lots, `side` buy
    /// for long and sell for short, walking the book like any market order (taker fee), its
    /// opening part locking notional / leverage (hundredths, 100 to 10 000) of the quote asset.
    public func placeMargin(symbol: SymbolKey, side: OrderSide, quantity: Int64, leverageHundredths: Int64, at time: Int)
        throws(ExchangeRefusal) -> ExchangeOrder {
        guard let bookNumber = bookIndex[symbol] else { throw .unknownSymbol(symbol.marketForm) }
        guard quantity > 0 else { throw .invalid(field: "body.size", reason: "must be greater than 0") }
        guard (100...10_000).contains(leverageHundredths) else { throw .invalid(field: "body.leverage", reason: "must be from 1 to 100") }
        let key = PositionKey(exchange: PositionKey.margin, symbol: symbol, strategyID: nil)
        let existing = positionIndex[key].flatMap { positionSlots.value(at: $0) }
        if existing == nil, positionIndex.count >= settings.maxPositions { throw .positionLimit(settings.maxPositions) }
        let pair = books[bookNumber].pair, quote = books[bookNumber].quoteAsset
        guard let limit = slippageLimit(side, book: books[bookNumber]) else {
            return finish(new: OrderRequest(symbol: symbol, side: side, kind: .market, quantity: quantity, timeInForce: .ioc),
                          status: .rejected, reason: "no liquidity", time: time)
        }
        // What it needs: the margin of the part that opens, and the taker fee on all of it.
        let closing = existing.map { ($0.quantity > 0) != (side == .buy) ? min(quantity, Int64($0.quantity.magnitude)) : 0 } ?? 0
        let (_, notional) = books[bookNumber].available(for: side, within: limit, wanted: quantity)
        let amount = notional * pair.notionalFactor
        let opening = quantity == 0 ? 0 : amount * Int128(quantity - closing) / Int128(quantity)
        let need = Self.margin(notional: opening, leverageHundredths: leverageHundredths) + takerFeeReserve(amount)
        guard assetBalances[quote].free >= need else {
            let name = assetNames[quote]
            throw .insufficientBalance("\(name) free \(scales.decimal(assetBalances[quote].free, of: name)), the position needs "
                                       + "\(scales.decimal(need, of: name)) of margin and fee")
        }
        assetBalances[quote].free -= need
        assetBalances[quote].locked += need
        markChanged(asset: quote)
        sequence += 1
        var order = ExchangeOrder(id: identifiers.next(), request: OrderRequest(symbol: symbol, side: side, kind: .market, quantity: quantity, timeInForce: .ioc),
                                  status: .open, time: time, sequence: sequence)
        order.book = bookNumber
        order.locked = need
        order.leverageHundredths = leverageHundredths
        let slot = store(order)
        record(slot)
        let change = slots[slot].change
        take(slot, within: limit, at: time)
        endTaker(slot, at: time)
        return changedOrders[change]
    }

    /// The order placed earlier with `clientOrderID`, by id; nil when none was.
    public func orderID(clientOrderID: String) -> String? { clientOrderIDs[clientOrderID] }

    /// Cancels an active order, unlocking what it held.
    public func cancel(id: String, reason: String?, at time: Int) throws(ExchangeRefusal) -> ExchangeOrder {
        guard let slot = slot(of: id) else {
            if let finished = changedOrders.last(where: { $0.id == id }) { throw .notActive(id: id, status: finished.status) }
            throw .orderNotFound(id)
        }
        end(slot, .cancelled, reason: reason ?? "cancelled by request", at: time)
        return changedOrders[lastChange]
    }

    /// An active order by id.
    public func activeOrder(id: String) -> ExchangeOrder? { slot(of: id).map { slots[$0] } }

    /// An active order by identifier.
    func activeOrder(_ identifier: Identifier) -> ExchangeOrder? {
        let slot = identifier.key.flatMap { slotByKey[$0] } ?? identifier.text.flatMap { slotByOtherID[$0] }
        guard let slot, slots.contains(slot), slots[slot].terms.identifier == identifier else { return nil }
        return slots[slot]
    }

    /// The fills of strategies' orders since the last call, in order.
    func takeStrategyFills() -> [(strategyID: String, fill: Fill, orderDone: Bool)] {
        defer { strategyFills.removeAll(keepingCapacity: true) }
        return strategyFills
    }

    /// True when strategies' orders filled since `takeStrategyFills`.
    var hasStrategyFills: Bool { !strategyFills.isEmpty }

    /// The slot of an active order.
    func slot(of id: String) -> Int? {
        let identifier = Identifier(id)
        let slot = identifier.key.flatMap { slotByKey[$0] } ?? slotByOtherID[id]
        return slot.flatMap { slots.contains($0) && slots[$0].terms.identifier == identifier ? $0 : nil }
    }

    /// Every active order, oldest first.
    public var activeOrders: [ExchangeOrder] { slots.values.sorted { $0.sequence < $1.sequence } }

    // MARK: The market

    /// The book number of a symbol (what `marketTrade(book:_:)` takes).
    public func bookNumber(of symbol: SymbolKey) -> Int? { bookIndex[symbol] }

    /// `marketTrade` by book number, for the engine's per-trade path: returns at once when the
    /// symbol has no resting or waiting order; true when it may have filled something.
    @discardableResult
    public func marketTrade(book: Int, _ tick: Tick) -> Bool {
        guard book >= 0 else { return false }
        books[book].lastPrice = tick.price
        guard !books[book].bids.isEmpty || !books[book].asks.isEmpty || !books[book].triggers.isEmpty else { return false }
        trade(book, tick)
        return true
    }

    /// A market trade: triggers whose price it crosses fire, and resting orders it crosses fill
    /// (up to its size, in price-time priority).
    public func marketTrade(_ symbol: SymbolKey, _ tick: Tick) {
        guard let book = bookIndex[symbol] else { return }
        books[book].lastPrice = tick.price
        trade(book, tick)
    }

    private func trade(_ book: Int, _ tick: Tick) {
        if !books[book].triggers.isEmpty { fireTriggers(book, price: tick.price, at: tick.time) }
        fillResting(book, side: .buy, crossedBy: tick.price, liquidity: tick.quantity, at: tick.time)
        fillResting(book, side: .sell, crossedBy: tick.price, liquidity: tick.quantity, at: tick.time)
    }

    /// The market made a new book for `symbol`: it replaces the depth orders take from, and
    /// resting orders it crosses fill against it.
    public func setBook(_ symbol: SymbolKey, _ synthetic: L2Book, at time: Int) {
        guard let book = bookIndex[symbol] else { return }
        books[book].synthetic = synthetic
        books[book].usedBids = 0
        books[book].usedAsks = 0
        books[book].depthTaken = false
        for side in OrderSide.allCases { fillRestingAgainstBook(book, side: side, at: time) }
    }

    /// True when orders took depth from the symbol's book since the market last made it.
    public func depthTaken(of symbol: SymbolKey) -> Bool { bookIndex[symbol].map { books[$0].depthTaken } ?? false }

    /// The synthetic depth left of a symbol's book.
    public func depth(of symbol: SymbolKey) -> L2Book? { bookIndex[symbol].map { books[$0].remainingDepth } }

    /// Expires GTD orders whose time has come.
    public func expire(at time: Int) {
        for slot in expiring {
            guard let expiresAt = slots.value(at: slot)?.timeInForce.expiresAt, expiresAt <= time else { continue }
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
        changes.orders = changedOrders
        changes.orderEvents = orderEvents
        changes.fills = fills
        changeGeneration &+= 1
        for slot in changedPositions.sorted() {
            changedPositionFlags[slot] = false
            guard positionSlots.contains(slot) else { continue }
            let (written, closed) = positionSlots[slot].takeLotChanges()
            changes.positions.append(positionSlots[slot].summary)
            changes.lots.append(ExchangeChanges.LotChanges(positionID: positionSlots[slot].id, written: written, closed: closed))
        }
        changes.removedPositions = removedPositions
        changes.balances = changedAssets.sorted().map { (assetNames[$0], assetBalances[$0]) }
        changedOrders.removeAll(keepingCapacity: true)
        orderEvents.removeAll(keepingCapacity: true)
        fills.removeAll(keepingCapacity: true)
        for asset in changedAssets { changedAssetFlags[asset] = false }
        changedPositions.removeAll(keepingCapacity: true)
        removedPositions.removeAll(keepingCapacity: true)
        changedAssets.removeAll(keepingCapacity: true)
        return changes
    }
}
