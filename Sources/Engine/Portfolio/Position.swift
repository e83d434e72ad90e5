/// A position: its FIFO lots (positive quantities long, negative short), the profit or loss
/// already closed, and for margin positions the leverage and the margin it holds. A fill in the
/// lots' direction opens a lot; a fill against it closes the oldest lots first, realizing
/// `(fill price − lot price) × closed quantity` less the closed lots' fees and the fill's fee
/// share; what is left of the fill opens a lot the other way (margin positions only: spot
/// sells are refused beyond the position).
public struct Position: Sendable, Equatable {
    public let id: String
    public let key: PositionKey
    public private(set) var lots: [Lot]
    /// Quote-asset units.
    public private(set) var realizedPnl: Int128
    /// 1 for spot.
    public var leverage: Int64
    /// Quote-asset units locked as margin (0 for spot).
    public var margin: Int128
    public let openedAt: Int
    public private(set) var updatedAt: Int

    public init(id: String, key: PositionKey, lots: [Lot] = [], realizedPnl: Int128 = 0, leverage: Int64 = 1, margin: Int128 = 0,
                openedAt: Int, updatedAt: Int) {
        self.id = id
        self.key = key
        self.lots = lots
        self.realizedPnl = realizedPnl
        self.leverage = leverage
        self.margin = margin
        self.openedAt = openedAt
        self.updatedAt = updatedAt
    }

    /// Lots held: positive long, negative short.
    public var quantity: Int64 { lots.reduce(0) { $0 + $1.quantity } }

    /// Σ |quantity| × price (notional units) of the open lots.
    public var openNotional: Int128 { lots.reduce(0) { $0 + Int128($1.quantity.magnitude) * Int128($1.price) } }

    /// The fees still attributed to the open lots (quote units).
    public var openFees: Int128 { lots.reduce(0) { $0 + $1.fee } }

    /// The average open price in ticks, as a fraction (numerator, denominator); nil when flat.
    public var entryPrice: (numerator: Int128, denominator: Int64)? {
        let quantity = lots.reduce(Int64(0)) { $0 + Int64($1.quantity.magnitude) }
        return quantity == 0 ? nil : (openNotional, quantity)
    }

    /// What a fill did to the position.
    public struct FillEffect: Sendable, Equatable {
        /// Profit or loss realized by the fill (quote units, fees included).
        public var realized: Int128
        /// Lots closed, in the closed lots' sign.
        public var closed: Int64
        /// The cost (notional in quote units plus their fees) of the lots closed.
        public var closedCost: Int128
    }

    /// Applies a fill of `quantity` lots (positive: buy, negative: sell) at `price` ticks with
    /// `fee` quote units; `factor` turns notional units into quote units; `lotID` names a new lot.
    @discardableResult
    public mutating func apply(quantity: Int64, price: Int64, fee: Int128, factor: Int128, at time: Int,
                               lotID: () -> String) -> FillEffect {
        precondition(quantity != 0, "a fill of nothing")
        updatedAt = time
        var remaining = quantity
        var effect = FillEffect(realized: 0, closed: 0, closedCost: 0)
        let total = Int128(quantity.magnitude)
        while remaining != 0, let first = lots.first, (first.quantity > 0) != (remaining > 0) {
            // Close the oldest lot, wholly or in part.
            let closing = min(first.quantity.magnitude, remaining.magnitude)
            let signed = first.quantity > 0 ? Int64(closing) : -Int64(closing)
            let feeShare = closing == first.quantity.magnitude ? first.fee
                : first.fee * Int128(closing) / Int128(first.quantity.magnitude)
            let cost = Int128(closing) * Int128(first.price) * factor + feeShare
            effect.realized += Int128(price - first.price) * Int128(signed) * factor - feeShare
            effect.closed += signed
            effect.closedCost += cost
            if closing == first.quantity.magnitude {
                lots.removeFirst()
            } else {
                lots[0].quantity -= signed
                lots[0].fee -= feeShare
            }
            remaining += signed
        }
        let closedQuantity = quantity.magnitude - remaining.magnitude
        let closingFee = closedQuantity == 0 ? 0 : (remaining == 0 ? fee : fee * Int128(closedQuantity) / total)
        effect.realized -= closingFee
        if remaining != 0 {
            lots.append(Lot(id: lotID(), quantity: remaining, price: price, fee: fee - closingFee, openedAt: time))
        }
        realizedPnl += effect.realized
        return effect
    }
}
