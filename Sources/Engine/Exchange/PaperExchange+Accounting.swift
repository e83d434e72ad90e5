/// Accounting: what a fill does to the order, the balances and the position, how an order
/// ends, and the record of every change.
extension PaperExchange {
    /// The order in `slot` fills `quantity` lots at `price` ticks.
    func fill(_ slot: Int, quantity: Int64, price: Int64, maker: Bool, at time: Int) {
        guard slots.contains(slot), quantity > 0 else { return }
        let book = books[slots[slot].book]
        let pair = book.pair, base = book.baseAsset, quote = book.quoteAsset
        let amount = Int128(price) * Int128(quantity) * pair.notionalFactor
        let fee = Self.fee(amount, basisPoints: maker ? settings.makerFeeBasisPoints : settings.takerFeeBasisPoints)
        if slots[slot].leverageHundredths > 0 {
            fillMargin(&slots[slot], quantity: quantity, price: price, amount: amount, fee: fee, at: time)
            finishFill(slot, quantity: quantity, price: price, fee: fee, maker: maker, at: time)
            return
        }
        let side = slots[slot].side
        let position: Int
        if side == .buy {
            // Paid from what the order locked; rounding beyond it comes from the free balance.
            let cost = amount + fee
            let fromLock = min(cost, slots[slot].locked)
            slots[slot].locked -= fromLock
            assetBalances[quote].locked -= fromLock
            assetBalances[quote].free -= cost - fromLock
            assetBalances[base].free += Int128(quantity) * pair.baseFactor
            // A limit buy that goes on keeps locked exactly what its rest needs (the same a
            // restart would lock again); what it saved (a better price, a maker fee) is free.
            let remaining = slots[slot].remaining
            if slots[slot].kind == .limit, remaining > quantity, let limit = slots[slot].price {
                let needed = buyLock(price: limit, quantity: remaining - quantity, pair)
                let locked = slots[slot].locked
                if locked > needed {
                    assetBalances[quote].locked -= locked - needed
                    assetBalances[quote].free += locked - needed
                    slots[slot].locked = needed
                }
            }
            let terms = slots[slot].terms
            position = positionSlot(for: PositionKey(exchange: PositionKey.spot, symbol: terms.symbol, strategyID: terms.strategyID), at: time)
        } else {
            let sold = Int128(quantity) * pair.baseFactor
            slots[slot].locked -= sold
            assetBalances[base].locked -= sold
            assetBalances[quote].free += amount - fee
            position = slots[slot].position
            reservedLots[position] -= quantity
        }
        markChanged(asset: quote)
        markChanged(asset: base)
        positionSlots[position].apply(quantity: quantity * side.sign, price: price, fee: fee, factor: pair.notionalFactor,
                                       at: time) { nextFillID() }
        closeIfFlat(position)
        finishFill(slot, quantity: quantity, price: price, fee: fee, maker: maker, at: time)
    }

    /// What every fill does to its order: the filled quantity and notional, the fee, the status,
    /// the fill and the market trade it makes; a filled order leaves the book.
    private func finishFill(_ slot: Int, quantity: Int64, price: Int64, fee: Int128, maker: Bool, at time: Int) {
        slots[slot].filled += quantity
        slots[slot].filledNotional += Int128(price) * Int128(quantity)
        slots[slot].fee += fee
        slots[slot].updatedAt = time
        let filled = slots[slot].filled == slots[slot].quantity
        slots[slot].status = filled ? .filled : .partiallyFilled
        let terms = slots[slot].terms
        fills.append(Fill(identifier: takeFillID(), order: terms.identifier, symbol: terms.symbol, side: terms.side, quantity: quantity,
                          price: price, fee: fee, maker: maker, margin: slots[slot].leverageHundredths > 0, time: time))
        trades.append((terms.symbol, Tick(time: time, price: price, quantity: quantity)))
        if let strategyID = terms.strategyID, slots[slot].leverageHundredths == 0 {
            strategyFills.append((strategyID, fills[fills.count - 1], filled))
        }
        if filled {
            release(slot, at: time)
        } else {
            record(slot)
        }
    }

    /// The id of the fill being made (it also names the lot the fill may open): made once per
    /// fill, taken by `finishFill`.
    func nextFillID() -> Identifier {
        if let id = pendingFillID { return id }
        let id = identifiers.next()
        pendingFillID = id
        return id
    }

    func takeFillID() -> Identifier {
        defer { pendingFillID = nil }
        return nextFillID()
    }

    /// A position the fill left flat is closed: its realized PnL counted, its id recorded as removed.
    func closeIfFlat(_ position: Int) {
        guard positionSlots.contains(position), positionSlots[position].isFlat else {
            if positionSlots.contains(position) { markChanged(position: position) }
            return
        }
        let state = positionSlots[position].summary
        closedRealizedPnl += state.realizedPnl
        removedPositions.append(state.id)
        // A position restored and not changed since has no flag yet.
        if position < changedPositionFlags.count, changedPositionFlags[position] {
            changedPositionFlags[position] = false
            changedPositions.removeAll { $0 == position }
        }
        positionSlots.remove(position)
        positionIndex[state.key] = nil
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
        let marginBefore = positionSlots[position].margin
        let effect = positionSlots[position].apply(quantity: quantity * order.side.sign, price: price, fee: fee,
                                                    factor: pair.notionalFactor, at: time) { nextFillID() }
        let closed = Int128(effect.closed.magnitude)
        let released = closed == 0 ? 0
            : (Int128(effect.before.magnitude) == closed ? marginBefore : marginBefore * closed / Int128(effect.before.magnitude))
        let opened = Int128(quantity) - closed
        let openFee = fee - (closed == 0 ? 0 : (opened == 0 ? fee : fee * closed / Int128(quantity)))
        let added = opened == 0 ? 0
            : Self.margin(notional: Int128(price) * opened * pair.notionalFactor, leverageHundredths: order.leverageHundredths)
        positionSlots[position].margin = marginBefore - released + added
        positionSlots[position].leverageHundredths = order.leverageHundredths
        // Cash: the closed part's PnL (before the closed lots' fees, paid when they opened) and
        // its margin back; the opening part's margin locked and its fee paid.
        assetBalances[quote].locked += added - released
        assetBalances[quote].free += released + effect.realized + effect.closedFees - added - openFee
        markChanged(asset: quote)
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
        guard slots.contains(slot) else { return }
        slots[slot].status = status
        slots[slot].reason = reason
        slots[slot].updatedAt = time
        release(slot, at: time)
    }

    /// Takes a finished order off the book: its locked rest goes back to free, a sell's
    /// reservation of its position ends, its slot is freed; the change is recorded.
    private func release(_ slot: Int, at time: Int) {
        guard slots.contains(slot) else { return }
        let book = books[slots[slot].book]
        let terms = slots[slot].terms
        let locked = slots[slot].locked
        if locked != 0 {
            // A buy, or any margin order, holds quote; a spot sell holds base.
            let asset = terms.side == .buy || slots[slot].leverageHundredths > 0 ? book.quoteAsset : book.baseAsset
            assetBalances[asset].locked -= locked
            assetBalances[asset].free += locked
            markChanged(asset: asset)
            slots[slot].locked = 0
        }
        let remaining = slots[slot].remaining, position = slots[slot].position
        if terms.side == .sell, remaining > 0, position >= 0 {
            reservedLots[position] -= remaining
        }
        if let price = terms.price, terms.kind == .limit {
            if terms.side == .buy { book.bids.remove(slot, at: price) } else { book.asks.remove(slot, at: price) }
        }
        if terms.kind.isTriggered { book.triggers.removeAll { $0 == slot } }
        if terms.timeInForce.expiresAt != nil { expiring.remove(slot) }
        record(slot)
        if slots[slot].indexed {
            if let key = terms.identifier.key, slotByKey[key] == slot {
                slotByKey[key] = nil
            } else if let text = terms.identifier.text, slotByOtherID[text] == slot {
                slotByOtherID[text] = nil
            }
        }
        slots.remove(slot)
    }

    /// Records the current state of the order in `slot` as a change (overwriting its earlier
    /// state since `takeChanges`) and a stream event.
    func record(_ slot: Int) {
        guard slots.contains(slot) else { return }
        version &+= 1
        if slots[slot].changeGeneration == changeGeneration {
            lastChange = slots[slot].change
            changedOrders[lastChange] = slots[slot]
        } else {
            lastChange = changedOrders.count
            slots[slot].change = lastChange
            slots[slot].changeGeneration = changeGeneration
            changedOrders.append(slots[slot])
        }
        orderEvents.append(slots[slot])
    }

    /// Records an order that never had a slot.
    func record(_ order: ExchangeOrder) {
        version &+= 1
        lastChange = changedOrders.count
        changedOrders.append(order)
        orderEvents.append(order)
    }

    /// Notes that an asset's balance or a position changed (what `takeChanges` reports).
    func markChanged(asset: Int) {
        guard !changedAssetFlags[asset] else { return }
        changedAssetFlags[asset] = true
        changedAssets.append(asset)
    }

    func markChanged(position: Int) {
        while changedPositionFlags.count <= position { changedPositionFlags.append(false) }
        guard !changedPositionFlags[position] else { return }
        changedPositionFlags[position] = true
        changedPositions.append(position)
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
