/// Accounting: what a fill does to the order, the balances and the position, how an order
/// ends, and the record of every change.
extension PaperExchange {
    /// The order in `slot` fills `quantity` lots at `price` ticks.
    func fill(_ slot: Int, quantity: Int64, price: Int64, maker: Bool, pair: TradingPair, at time: Int) {
        guard var order = slots[slot], quantity > 0 else { return }
        let amount = Int128(price) * Int128(quantity) * pair.notionalFactor
        let fee = Self.fee(amount, basisPoints: maker ? settings.makerFeeBasisPoints : settings.takerFeeBasisPoints)
        let key = positionKey(order)
        if order.side == .buy {
            // Paid from what the order locked; rounding beyond it comes from the free balance.
            let cost = amount + fee
            let fromLock = min(cost, order.locked)
            order.locked -= fromLock
            balances[pair.quote, default: AssetBalance()].locked -= fromLock
            balances[pair.quote, default: AssetBalance()].free -= cost - fromLock
            balances[pair.base, default: AssetBalance()].free += Int128(quantity) * pair.baseFactor
        } else {
            let sold = Int128(quantity) * pair.baseFactor
            order.locked -= sold
            balances[pair.base, default: AssetBalance()].locked -= sold
            balances[pair.quote, default: AssetBalance()].free += amount - fee
            reserved[key, default: 0] -= quantity
        }
        changedAssets.insert(pair.quote)
        changedAssets.insert(pair.base)
        if positions[key] == nil { positions[key] = Position(id: identifiers.next(), key: key, openedAt: time, updatedAt: time) }
        positions[key]!.apply(quantity: quantity * order.side.sign, price: price, fee: fee, factor: pair.notionalFactor, at: time) {
            identifiers.next()
        }
        if positions[key]!.isFlat {
            let closed = positions.removeValue(forKey: key)!
            closedRealizedPnl += closed.realizedPnl
            removedPositions.append(closed.id)
            changedPositions.remove(key)
            if reserved[key] == 0 { reserved[key] = nil }
        } else {
            changedPositions.insert(key)
        }
        order.filled += quantity
        order.filledNotional += Int128(price) * Int128(quantity)
        order.fee += fee
        order.updatedAt = time
        order.status = order.filled == order.quantity ? .filled : .partiallyFilled
        slots[slot] = order
        fills.append(Fill(id: identifiers.next(), orderID: order.id, symbol: order.symbol, side: order.side, quantity: quantity,
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
        guard var order = slots[slot], let pair = books[order.symbol]?.pair else { return }
        if order.locked != 0 {
            let asset = order.side == .buy ? pair.quote : pair.base
            balances[asset, default: AssetBalance()].locked -= order.locked
            balances[asset, default: AssetBalance()].free += order.locked
            changedAssets.insert(asset)
            order.locked = 0
        }
        if order.side == .sell, order.remaining > 0 {
            let key = positionKey(order)
            reserved[key, default: 0] -= order.remaining
            if reserved[key] == 0 { reserved[key] = nil }
        }
        if let price = order.price, order.kind == .limit {
            if order.side == .buy { books[order.symbol]!.bids.remove(slot, at: price) } else { books[order.symbol]!.asks.remove(slot, at: price) }
        }
        if order.kind.isTriggered { books[order.symbol]!.triggers.removeAll { $0 == slot } }
        expiring.remove(slot)
        slots[slot] = order
        record(slot)
        slots[slot] = nil
        slotByID[order.id] = nil
        freeSlots.append(slot)
    }

    /// Records the current state of the order in `slot` as a change and a stream event.
    func record(_ slot: Int) {
        guard let order = slots[slot] else { return }
        record(order)
    }

    func record(_ order: ExchangeOrder) {
        if changedOrders.updateValue(order, forKey: order.id) == nil { changedOrderIDs.append(order.id) }
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
