/// A position: its FIFO lots (positive quantities long, negative short), the profit or loss
/// already closed, and for margin positions the leverage and the margin it holds. A fill in the
/// lots' direction opens a lot; a fill against it closes the oldest lots first, realizing
/// `(fill price − lot price) × closed quantity` less the closed lots' fees and the fill's fee
/// share; what is left of the fill opens a lot the other way (margin positions only: spot
/// sells are refused beyond the position). Totals are kept as lots change, and closed lots
/// leave from the front without moving the others, so a fill costs the same however many
/// lots the position holds.
///
/// The position also notes how its lots changed since `takeLotChanges()`, so that a store
/// writes only those, and `summary` is the position without its lots, what snapshots and
/// change lists carry: a copy that shares the lots would make the next fill copy them all.
public struct Position: Sendable, Equatable {
    public let id: String
    public let key: PositionKey
    /// The lots, oldest first, from `head` on.
    private var storage: [Lot]
    private var head = 0
    /// Quote-asset units.
    public private(set) var realizedPnl: Int128
    /// Leverage in hundredths (100 for spot: none).
    public var leverageHundredths: Int64
    /// Quote-asset units locked as margin (0 for spot).
    public var margin: Int128
    public let openedAt: Int
    public private(set) var updatedAt: Int
    /// Lots held: positive long, negative short.
    public private(set) var quantity: Int64 = 0
    /// Σ |quantity| × price (notional units) of the open lots.
    public private(set) var openNotional: Int128 = 0
    /// The fees still attributed to the open lots (quote units).
    public private(set) var openFees: Int128 = 0
    /// Since `takeLotChanges()`: the ids of the lots that closed, the index in `storage` from
    /// which lots are new, and whether the first open lot (an older one) was reduced.
    private var closedLotIDs: [Identifier] = []
    private var newFrom: Int
    private var headReduced = false
    /// The sequence of the next lot opened (`Lot.sequence`).
    private var nextLotSequence: Int64

    public init(id: String, key: PositionKey, lots: [Lot] = [], realizedPnl: Int128 = 0, leverageHundredths: Int64 = 100,
                margin: Int128 = 0, openedAt: Int, updatedAt: Int) {
        self.id = id
        self.key = key
        storage = lots
        newFrom = lots.count
        nextLotSequence = (lots.map(\.sequence).max() ?? -1) + 1
        self.realizedPnl = realizedPnl
        self.leverageHundredths = leverageHundredths
        self.margin = margin
        self.openedAt = openedAt
        self.updatedAt = updatedAt
        for lot in lots { count(lot, sign: 1) }
    }

    /// The open lots, oldest first (none on a `summary`).
    public var lots: [Lot] { Array(storage[head...]) }

    /// True when no lot is open.
    public var isFlat: Bool { quantity == 0 }

    /// The position without its lots: every total, the quantity and the PnL stay.
    public var summary: Position {
        var copy = self
        copy.storage = []
        copy.head = 0
        copy.newFrom = 0
        copy.closedLotIDs = []
        copy.headReduced = false
        return copy
    }

    /// The lots opened or reduced since the last call (their current state, oldest first) and
    /// the ids of those that closed since, of lots that existed at the last call.
    public mutating func takeLotChanges() -> (written: [Lot], closed: [Identifier]) {
        var written: [Lot] = []
        if headReduced, head < newFrom, head < storage.count { written.append(storage[head]) }
        written += storage[max(head, newFrom)...]
        let closed = closedLotIDs
        closedLotIDs = []
        newFrom = storage.count
        headReduced = false
        return (written, closed)
    }

    /// The average open price in ticks, as a fraction (numerator, denominator); nil when flat.
    public var entryPrice: (numerator: Int128, denominator: Int64)? {
        quantity == 0 ? nil : (openNotional, Int64(quantity.magnitude))
    }

    public static func == (lhs: Position, rhs: Position) -> Bool {
        lhs.id == rhs.id && lhs.key == rhs.key && lhs.lots == rhs.lots && lhs.realizedPnl == rhs.realizedPnl
            && lhs.leverageHundredths == rhs.leverageHundredths && lhs.margin == rhs.margin && lhs.openedAt == rhs.openedAt && lhs.updatedAt == rhs.updatedAt
    }

    /// What a fill did to the position.
    public struct FillEffect: Sendable, Equatable {
        /// Profit or loss realized by the fill (quote units, fees included).
        public var realized: Int128
        /// Lots closed, in the closed lots' sign.
        public var closed: Int64
        /// The fees of the lots closed (paid when they opened).
        public var closedFees: Int128 = 0
        /// Lots held before the fill (signed).
        public var before: Int64 = 0
    }

    /// Applies a fill of `quantity` lots (positive: buy, negative: sell) at `price` ticks with
    /// `fee` quote units; `factor` turns notional units into quote units; `lotID` names a new lot.
    @discardableResult
    public mutating func apply(quantity: Int64, price: Int64, fee: Int128, factor: Int128, at time: Int,
                               lotID: () -> Identifier) -> FillEffect {
        precondition(quantity != 0, "a fill of nothing")
        updatedAt = time
        var remaining = quantity
        var effect = FillEffect(realized: 0, closed: 0, before: self.quantity)
        let total = Int128(quantity.magnitude)
        while remaining != 0, head < storage.count, (storage[head].quantity > 0) != (remaining > 0) {
            // Close the oldest lot, wholly or in part.
            let first = storage[head]
            let closing = min(first.quantity.magnitude, remaining.magnitude)
            let signed = first.quantity > 0 ? Int64(closing) : -Int64(closing)
            let whole = closing == first.quantity.magnitude
            let feeShare = whole ? first.fee : first.fee * Int128(closing) / Int128(first.quantity.magnitude)
            effect.realized += Int128(price - first.price) * Int128(signed) * factor - feeShare
            effect.closed += signed
            effect.closedFees += feeShare
            self.quantity -= signed
            openNotional -= Int128(closing) * Int128(first.price)
            openFees -= feeShare
            if whole {
                if head < newFrom {
                    closedLotIDs.append(first.identifier)
                    headReduced = false
                }
                head += 1
            } else {
                storage[head].quantity -= signed
                storage[head].fee -= feeShare
                if head < newFrom { headReduced = true }
            }
            remaining += signed
        }
        compact()
        let closedQuantity = total - Int128(remaining.magnitude)
        let closingFee = closedQuantity == 0 ? 0 : (remaining == 0 ? fee : fee * closedQuantity / total)
        effect.realized -= closingFee
        if remaining != 0 {
            let lot = Lot(identifier: lotID(), quantity: remaining, price: price, fee: fee - closingFee, openedAt: time, sequence: nextLotSequence)
            nextLotSequence += 1
            storage.append(lot)
            count(lot, sign: 1)
        }
        realizedPnl += effect.realized
        return effect
    }

    private mutating func count(_ lot: Lot, sign: Int64) {
        self.quantity += lot.quantity * sign
        openNotional += Int128(lot.quantity.magnitude) * Int128(lot.price) * Int128(sign)
        openFees += lot.fee * Int128(sign)
    }

    /// Drops closed lots from the front once they are many.
    private mutating func compact() {
        if head == storage.count {
            storage.removeAll(keepingCapacity: true)
            newFrom = 0
            head = 0
        } else if head > 64 && head * 2 > storage.count {
            storage.removeFirst(head)
            newFrom = max(0, newFrom - head)
            head = 0
        }
    }
}
