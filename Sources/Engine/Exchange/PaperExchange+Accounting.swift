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
        // The fill's id also names the lot it may open.
        let fillID = identifiers.next()
        positionSlots[position]!.apply(quantity: quantity * order.side.sign, price: price, fee: fee, factor: pair.notionalFactor,
                                       at: time) { fillID }
        if positionSlots[position]!.isFlat {
            let closed = positionSlots[position]!
            closedRealizedPnl += closed.realizedPnl
            removedPositions.append(closed.id)
            changedPositions.remove(position)
            positionSlots[position] = nil
            positionIndex[closed.key] = nil
            freePositionSlots.append(position)
        } else {
            changedPositions.insert(position)
        }
        order.filled += quantity
        order.filledNotional += Int128(price) * Int128(quantity)
        order.fee += fee
        order.updatedAt = time
        order.status = order.filled == order.quantity ? .filled : .partiallyFilled
        slots[slot] = order
        fills.append(Fill(id: fillID, orderID: order.id, symbol: order.symbol, side: order.side, quantity: quantity,
                          price: price, fee: fee, maker: maker, time: time))
        trades.append((order.symbol, Tick(time: time, price: price, quantity: quantity)))
        if order.status == .filled {
            release(slot, at: time)
        } else {
            record(slot)
        }
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
            let asset = order.side == .buy ? books[book].quoteAsset : books[book].baseAsset
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
