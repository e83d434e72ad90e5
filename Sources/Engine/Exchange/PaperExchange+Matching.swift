/// Matching: taking the synthetic depth, resting, triggers, and the market crossing resting orders.
extension PaperExchange {
    /// Checks what the exchange can check alone: quantities and prices positive, a price where
    /// the order type needs one and none on a market order, GTD with an expiry.
    func validate(_ request: OrderRequest) throws(ExchangeRefusal) {
        guard request.quantity > 0 else { throw .invalid(field: "body.quantity", reason: "must be greater than 0") }
        switch request.kind {
        case .market:
            guard request.price == nil else { throw .invalid(field: "body.price", reason: "a market order has no price") }
            guard request.timeInForce == .gtc || request.timeInForce == .ioc else {
                throw .invalid(field: "body.time_in_force", reason: "a market order's unfilled rest is always cancelled: use GTC or IOC")
            }
        case .limit, .stopLoss, .takeProfit:
            guard let price = request.price else { throw .invalid(field: "body.price", reason: "required for \(request.kind.rawValue) orders") }
            guard price > 0 else { throw .invalid(field: "body.price", reason: "must be greater than 0") }
        }
        if request.kind.isTriggered, request.timeInForce == .ioc || request.timeInForce == .fok {
            throw .invalid(field: "body.time_in_force", reason: "a \(request.kind.rawValue) order waits for its trigger: use GTC or GTD")
        }
    }

    /// The fee of `amount` quote units at `basisPoints`, rounded half to even.
    static func fee(_ amount: Int128, basisPoints: Int64) -> Int128 {
        let product = amount * Int128(basisPoints)
        let (quotient, remainder) = product.quotientAndRemainder(dividingBy: 10_000)
        let twice = remainder * 2
        if twice > 10_000 || (twice == 10_000 && quotient % 2 != 0) { return quotient + 1 }
        return quotient
    }

    /// What a buy of `quantity` at up to `price` ticks locks: its notional, the taker fee on it
    /// rounded up, and one unit for rounding.
    func buyLock(price: Int64, quantity: Int64, _ pair: TradingPair) -> Int128 {
        buyLock(notional: Int128(price) * Int128(quantity), pair)
    }

    /// What a buy of `notional` (price × quantity units) locks, as `buyLock(price:quantity:)`.
    func buyLock(notional: Int128, _ pair: TradingPair) -> Int128 {
        let amount = notional * pair.notionalFactor
        return amount + takerFeeReserve(amount)
    }

    /// What to hold for the taker fee on `amount` quote units: the fee rounded up, and one unit
    /// for rounding.
    func takerFeeReserve(_ amount: Int128) -> Int128 {
        (amount * Int128(settings.takerFeeBasisPoints) + 9_999) / 10_000 + 1
    }

    /// The price a buy locks at: its limit, or a trigger's price with the slippage allowance.
    func lockPrice(kind: OrderKind, price: Int64) -> Int64 {
        kind.isTriggered ? slipped(price, up: true) : price
    }

    /// `price` moved by the slippage cap, up or down (at least one tick).
    func slipped(_ price: Int64, up: Bool) -> Int64 {
        let move = max(1, Int64((Int128(price) * Int128(settings.maxSlippageBasisPoints) / 10_000)))
        return up ? price + move : max(1, price - move)
    }

    /// How far a market order of `side` may walk: the slippage cap from the best opposite price.
    func slippageLimit(_ side: OrderSide, book: SymbolBook) -> Int64? {
        book.bestOpposite(for: side).map { slipped($0, up: side == .buy) }
    }

    /// Puts an order in a slot; returns the slot.
    func store(_ order: ExchangeOrder) -> Int {
        slots.insert(order)
    }

    /// Makes the order in `slot` findable by id (`slot(of:)`): done for orders that stay
    /// active, not for those that end where they are placed.
    func index(_ slot: Int) {
        guard slots.contains(slot) else { return }
        let terms = slots[slot].terms
        if let key = terms.identifier.key {
            slotByKey[key] = slot
        } else {
            slotByOtherID[terms.identifier.description] = slot
        }
        slots[slot].indexed = true
    }

    func positionKey(_ order: ExchangeOrder) -> PositionKey {
        PositionKey(exchange: order.leverageHundredths > 0 ? PositionKey.margin : PositionKey.spot, symbol: order.symbol,
                    strategyID: order.strategyID)
    }

    /// The order in `slot` takes the synthetic depth of its book as far as `limit` (taker).
    func take(_ slot: Int, within limit: Int64, at time: Int) {
        guard slots.contains(slot) else { return }
        let book = slots[slot].book, side = slots[slot].side
        var remaining = slots[slot].remaining
        while remaining > 0, let level = books[book].nextTakeable(for: side, within: limit) {
            let quantity = min(remaining, level.quantity)
            books[book].use(quantity, at: level.index, for: side)
            remaining -= quantity
            fill(slot, quantity: quantity, price: level.price, maker: false, at: time)
        }
    }

    /// A market order after its walk: the rest is cancelled (Rejected when nothing filled).
    func endTaker(_ slot: Int, at time: Int) {
        guard slots.contains(slot), slots[slot].status.isActive else { return }
        let filled = slots[slot].filled
        if filled == 0 {
            end(slot, .rejected, reason: "no liquidity within the \(settings.maxSlippageBasisPoints) bp slippage cap", at: time)
        } else {
            end(slot, .cancelled, reason: "only \(filled) of \(slots[slot].quantity) lots were available within the "
                + "\(settings.maxSlippageBasisPoints) bp slippage cap", at: time)
        }
    }

    /// Rests a limit order on its side of the book.
    func rest(_ slot: Int, at price: Int64) {
        guard slots.contains(slot) else { return }
        let book = books[slots[slot].book]
        if slots[slot].side == .buy { book.bids.insert(slot, at: price) } else { book.asks.insert(slot, at: price) }
    }

    /// Triggers crossed by `price` fire, oldest first: each executes as a market order.
    func fireTriggers(_ symbol: Int, price: Int64, at time: Int) {
        let waiting = books[symbol].triggers
        for slot in waiting {
            guard let order = slots.value(at: slot), let trigger = order.price else { continue }
            let fires: Bool
            switch (order.kind, order.side) {
            case (.stopLoss, .sell), (.takeProfit, .buy): fires = price <= trigger
            case (.stopLoss, .buy), (.takeProfit, .sell): fires = price >= trigger
            default: fires = false
            }
            guard fires else { continue }
            books[symbol].triggers.removeAll { $0 == slot }
            slots[slot].status = .open
            slots[slot].updatedAt = time
            let limit = order.side == .buy ? min(slippageLimit(.buy, book: books[symbol]) ?? trigger, lockPrice(kind: order.kind, price: trigger))
                : (slippageLimit(.sell, book: books[symbol]) ?? 1)
            take(slot, within: limit, at: time)
            endTaker(slot, at: time)
        }
    }

    /// Resting orders of `side` that a market trade at `price` crosses fill at their own price,
    /// in price-time priority, until the trade's `liquidity` is used up.
    func fillResting(_ symbol: Int, side: OrderSide, crossedBy price: Int64, liquidity: Int64, at time: Int) {
        var left = liquidity
        while left > 0, let slot = bestResting(symbol, side: side, crossedBy: price) {
            guard slots.contains(slot), let limit = slots[slot].price else { return }
            let quantity = min(left, slots[slot].remaining)
            left -= quantity
            fill(slot, quantity: quantity, price: limit, maker: true, at: time)
        }
    }

    /// The first resting order of `side` in priority whose price `price` reaches (a buy at
    /// least `price`), or nil.
    private func bestResting(_ symbol: Int, side: OrderSide, crossedBy price: Int64) -> Int? {
        let best = side == .buy ? books[symbol].bids.best : books[symbol].asks.best
        guard let best, side == .buy ? best.price >= price : best.price <= price else { return nil }
        return best.slot
    }

    /// Resting orders of `side` that the synthetic book crosses fill at their own price against
    /// its levels, best first.
    func fillRestingAgainstBook(_ symbol: Int, side: OrderSide, at time: Int) {
        while let opposite = books[symbol].bestOpposite(for: side), let slot = bestResting(symbol, side: side, crossedBy: opposite) {
            guard slots.contains(slot), let limit = slots[slot].price, let level = books[symbol].nextTakeable(for: side, within: limit) else { return }
            let quantity = min(slots[slot].remaining, level.quantity)
            books[symbol].use(quantity, at: level.index, for: side)
            fill(slot, quantity: quantity, price: limit, maker: true, at: time)
        }
    }
}
