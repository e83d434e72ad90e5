/// Accounting: what a fill does to the order, the balances and the position, how an order
/// ends, and the record of every change.
extension PaperExchange {
    /// The order in `slot` fills `quantity` lots at `price` ticks.
    func fill(_ slot: Int, quantity: Int64, price: Int64, maker: Bool, at time: Int) {
        guard var order = slots[slot], quantity > 0 else { return }
        let book = order.book
        let pair = books[book].pair, base = books[book].baseAsset, quote = books[book].quoteAsset
        let amount = Int128(price) * Int128(quantity) * pair.notionalFactor
        let fee = Self.fee(amount, basisPoints: maker ? settings.makerFeeBasisPoints : settings.takerFeeBasisPoints)
        let position: Int
        if order.leverageHundredths > 0 {
            fillMargin(&order, quantity: quantity, price: price, amount: amount, fee: fee, at: time)
            finishFill(slot, order, quantity: quantity, price: price, fee: fee, maker: maker, at: time)
            return
        }
        if order.side == .buy {
            // Paid from what the order locked; rounding beyond it comes from the free balance.
            let cost = amount + fee
            let fromLock = min(cost, order.locked)
            order.locked -= fromLock
            assetBalances[quote].locked -= fromLock
            assetBalances[quote].free -= cost - fromLock
            assetBalances[base].free += Int128(quantity) * pair.baseFactor
            // A limit buy that goes on keeps locked exactly what its rest needs (the same a
            // restart would lock again); what it saved (a better price, a maker fee) is free.
            if order.kind == .limit, order.remaining > quantity, let limit = order.price {
                let needed = buyLock(price: limit, quantity: order.remaining - quantity, pair)
                if order.locked > needed {
                    assetBalances[quote].locked -= order.locked - needed
                    assetBalances[quote].free += order.locked - needed
                    order.locked = needed
                }
            }
            position = positionSlot(for: positionKey(order), at: time)
        } else {
            let sold = Int128(quantity) * pair.baseFactor
            order.locked -= sold
            assetBalances[base].locked -= sold
            assetBalances[quote].free += amount - fee
            position = order.position
            reservedLots[position] -= quantity
        }
        changedAssets.insert(quote)
        changedAssets.insert(base)
        positionSlots[position]!.apply(quantity: quantity * order.side.sign, price: price, fee: fee, factor: pair.notionalFactor,
                                       at: time) { nextFillID() }
        closeIfFlat(position)
        finishFill(slot, order, quantity: quantity, price: price, fee: fee, maker: maker, at: time)
    }

    /// What every fill does to its order: the filled quantity and notional, the fee, the status,
    /// the fill and the market trade it makes; a filled order leaves the book.
    private func finishFill(_ slot: Int, _ filling: ExchangeOrder, quantity: Int64, price: Int64, fee: Int128, maker: Bool, at time: Int) {
        var order = filling
        order.filled += quantity
        order.filledNotional += Int128(price) * Int128(quantity)
        order.fee += fee
        order.updatedAt = time
        order.status = order.filled == order.quantity ? .filled : .partiallyFilled
        slots[slot] = order
        fills.append(Fill(id: takeFillID(), orderID: order.id, symbol: order.symbol, side: order.side, quantity: quantity,
                          price: price, fee: fee, maker: maker, time: time))
        trades.append((order.symbol, Tick(time: time, price: price, quantity: quantity)))
        if order.status == .filled {
            release(slot, at: time)
        } else {
            record(slot)
        }
    }

    /// The id of the fill being made (it also names the lot the fill may open): made once per
    /// fill, taken by `finishFill`.
    func nextFillID() -> String {
        if let id = pendingFillID { return id }
        let id = identifiers.next()
        pendingFillID = id
        return id
    }

    func takeFillID() -> String {
        defer { pendingFillID = nil }
        return nextFillID()
    }

    /// A position the fill left flat is closed: its realized PnL counted, its id recorded as removed.
    func closeIfFlat(_ position: Int) {
        guard let state = positionSlots[position] else { return }
        if state.isFlat {
            closedRealizedPnl += state.realizedPnl
            removedPositions.append(state.id)
            changedPositions.remove(position)
            positionSlots[position] = nil
            positionIndex[state.key] = nil
            freePositionSlots.append(position)
        } else {
            changedPositions.insert(position)
        }
    }

    /// The margin `notional` quote units need at a leverage (hundredths), rounded up.
    static func margin(notional: Int128, leverageHundredths: Int64) -> Int128 {
        (notional * 100 + Int128(leverageHundredths) - 1) / Int128(leverageHundredths)
    }

    /// A margin fill: the part against the position closes lots (their margin share comes back
    /// with the PnL), the rest opens lots locking notional / leverage; the fee is paid from
    /// the free quote balance. No base asset moves.
    private func fillMargin(_ order: inout ExchangeOrder, quantity: Int64, price: Int64, amount: Int128, fee: Int128, at time: Int) {
        let book = order.book
        let pair = books[book].pair, quote = books[book].quoteAsset
        let position = positionSlot(for: positionKey(order), at: time)
        let marginBefore = positionSlots[position]!.margin
        let effect = positionSlots[position]!.apply(quantity: quantity * order.side.sign, price: price, fee: fee,
                                                    factor: pair.notionalFactor, at: time) { nextFillID() }
        let closed = Int128(effect.closed.magnitude)
        let released = closed == 0 ? 0
            : (Int128(effect.before.magnitude) == closed ? marginBefore : marginBefore * closed / Int128(effect.before.magnitude))
        let opened = Int128(quantity) - closed
        let openFee = fee - (closed == 0 ? 0 : (opened == 0 ? fee : fee * closed / Int128(quantity)))
        let added = opened == 0 ? 0
            : Self.margin(notional: Int128(price) * opened * pair.notionalFactor, leverageHundredths: order.leverageHundredths)
        positionSlots[position]!.margin = marginBefore - released + added
        positionSlots[position]!.leverageHundredths = order.leverageHundredths
        // Cash: the closed part's PnL (before the closed lots' fees, paid when they opened) and
        // its margin back; the opening part's margin locked and its fee paid.
        assetBalances[quote].locked += added - released
        assetBalances[quote].free += released + effect.realized + effect.closedFees - added - openFee
        changedAssets.insert(quote)
        if order.locked > 0 {
            let unlocked = min(order.locked, added + openFee)
            order.locked -= unlocked
            assetBalances[quote].locked -= unlocked
            assetBalances[quote].free += unlocked
        }
        closeIfFlat(position)
    }

    /// Ends an active order with `status`, unlocking what it still holds.
    func end(_ slot: Int, _ status: OrderStatus, reason: String, at time: Int) {
        guard var order = slots[slot] else { return }
        order.status = status
        order.reason = reason
        order.updatedAt = time
        slots[slot] = order
        release(slot, at: time)
    }

    /// Takes a finished order off the book: its locked rest goes back to free, a sell's
    /// reservation of its position ends, its slot is freed; the change is recorded.
    private func release(_ slot: Int, at time: Int) {
        guard var order = slots[slot] else { return }
        let book = order.book
        if order.locked != 0 {
            // A buy, or any margin order, holds quote; a spot sell holds base.
            let asset = order.side == .buy || order.leverageHundredths > 0 ? books[book].quoteAsset : books[book].baseAsset
            assetBalances[asset].locked -= order.locked
            assetBalances[asset].free += order.locked
            changedAssets.insert(asset)
            order.locked = 0
        }
        if order.side == .sell, order.remaining > 0, order.position >= 0 {
            reservedLots[order.position] -= order.remaining
        }
        if let price = order.price, order.kind == .limit {
            if order.side == .buy { books[book].bids.remove(slot, at: price) } else { books[book].asks.remove(slot, at: price) }
        }
        if order.kind.isTriggered { books[book].triggers.removeAll { $0 == slot } }
        expiring.remove(slot)
        slots[slot] = order
        record(slot)
        slots[slot] = nil
        if let key = IdentifierSource.key(of: order.id), slotByKey[key] == slot {
            slotByKey[key] = nil
        } else {
            slotByOtherID[order.id] = nil
        }
        freeSlots.append(slot)
    }

    /// Records the current state of the order in `slot` as a change and a stream event.
    func record(_ slot: Int) {
        guard let order = slots[slot] else { return }
        record(order)
    }

    func record(_ order: ExchangeOrder) {
        version &+= 1
        if let index = changedOrderAt[order.sequence] {
            changedOrders[index] = order
        } else {
            changedOrderAt[order.sequence] = changedOrders.count
            changedOrders.append(order)
        }
        orderEvents.append(order)
    }

    /// An order refused after acceptance checks (FOK without the depth): it ends at once with
    /// `status`, locking and changing nothing else.
    func finish(new request: OrderRequest, status: OrderStatus, reason: String, time: Int) -> ExchangeOrder {
        sequence += 1
        var order = ExchangeOrder(id: identifiers.next(), request: request, status: status, time: time, sequence: sequence)
        order.reason = reason
        if let clientOrderID = request.clientOrderID { clientOrderIDs[clientOrderID] = order.id }
        record(order)
        return order
    }
}
