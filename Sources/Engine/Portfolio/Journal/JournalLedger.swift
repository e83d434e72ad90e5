import Primitives

/// The trade journal's FIFO cost basis of one symbol on one venue (each venue is an account
/// of its own), replayed from its executions oldest first (API.md "FIFO cost basis").
///
/// A buy adds a lot: its quantity, its unit cost (price + fee / quantity) and its date. A sell
/// consumes the oldest lots first and realizes (sell price − lot unit cost) × quantity, less
/// the sell's fee. `average_cost` is Σ quantity × unit cost / Σ quantity over the open lots,
/// `total_cost` the numerator. On a spot venue (any but `paper-margin`) a sell of more than the
/// ledger holds is refused. On `paper-margin` (ARCHITECTURE.md "Decisions") a sell beyond the
/// long lots opens a short: a lot of negative quantity whose unit proceeds are price − fee /
/// quantity; a buy closes shorts oldest first, realizing (unit proceeds − buy price) ×
/// quantity less the buy's fee, and opens a long with what is left. An execution that closes
/// lots and opens one the other way splits its fee in proportion.
///
/// Exact in fixed units (`JournalAmount`); closed lots leave from the front without moving the
/// others, so an execution costs the same however many lots are open.
public struct JournalLedger: Sendable {
    /// The venue: `paper`, `paper-margin`, or a broker's name.
    public let exchange: String
    /// The lots, oldest first, from `head` on.
    private var storage: [JournalLot] = []
    private var head = 0
    /// Units of 10⁻⁸, signed.
    private var held: Int128 = 0
    /// Σ quantity × price + fee of the open lots, units of 10⁻¹⁶.
    private var total: Int128 = 0
    /// Units of 10⁻¹⁶.
    private var realized: Int128 = 0
    /// How many executions it replayed.
    public private(set) var executions = 0
    /// The time of the newest execution replayed, epoch milliseconds.
    public private(set) var lastTradeAt: Int?

    /// An empty ledger of `exchange`.
    public init(exchange: String) {
        self.exchange = exchange
    }

    /// True on the margin venue, the one venue where a sell may open a short.
    public var allowsShort: Bool { exchange == PositionKey.margin }

    /// The open lots, oldest first.
    public var lots: [JournalLot] { Array(storage[head...]) }
    /// True when no lot is open.
    public var isFlat: Bool { held == 0 }
    /// The quantity held: negative when short.
    public var quantity: ExactDecimal { JournalAmount.decimal(held, digits: JournalAmount.quantityDigits) }
    /// Σ quantity × unit cost of the open lots (negative when short: the proceeds kept).
    public var totalCost: ExactDecimal { JournalAmount.decimal(total, digits: JournalAmount.moneyDigits) }
    /// The profit or loss of what was closed, fees included.
    public var realizedPnl: ExactDecimal { JournalAmount.decimal(realized, digits: JournalAmount.moneyDigits) }

    /// Total cost over quantity, rounded half to even at the 16th decimal place; 0 when flat.
    public var averageCost: ExactDecimal {
        // Never nil: the average lies between the open lots' unit costs, each of which fits.
        let units = held == 0 ? 0 : JournalAmount.multiplyDivide(total, JournalAmount.quantityScale, held)!
        return JournalAmount.decimal(units, digits: JournalAmount.moneyDigits)
    }

    /// What the open lots are worth at `price`, and that less their total cost; nil when
    /// `price` has more than 8 decimal places or the product outgrows the ledger's units.
    public func valued(at price: ExactDecimal) -> (marketValue: ExactDecimal, unrealizedPnl: ExactDecimal)? {
        guard let units = JournalAmount.units(price, digits: JournalAmount.priceDigits, below: JournalAmount.valueLimit) else { return nil }
        let (value, overflow) = held.multipliedReportingOverflow(by: units)
        guard !overflow else { return nil }
        return (JournalAmount.decimal(value, digits: JournalAmount.moneyDigits),
                JournalAmount.decimal(value - total, digits: JournalAmount.moneyDigits))
    }

    /// The units of an execution's values, checked: quantity and price above 0 and fee at
    /// least 0, quantity and price with at most 8 decimal places, the fee with at most 16,
    /// each below 10¹², and quantity × price below 10¹⁵.
    public static func units(quantity: ExactDecimal, price: ExactDecimal, fee: ExactDecimal) throws(JournalError)
        -> (quantity: Int128, price: Int128, fee: Int128) {
        func checked(_ value: ExactDecimal, _ field: String, digits: Int) throws(JournalError) -> Int128 {
            guard value.scale <= digits || value.rescaled(to: digits) == value else {
                throw .unsupported(field: field, reason: "has more than \(digits) decimal places")
            }
            guard let units = JournalAmount.units(value, digits: digits, below: JournalAmount.valueLimit) else {
                throw .unsupported(field: field, reason: "must be below 1000000000000")
            }
            return units
        }
        guard quantity > .zero else { throw .unsupported(field: "quantity", reason: "must be greater than 0") }
        guard price > .zero else { throw .unsupported(field: "price", reason: "must be greater than 0") }
        guard !fee.isNegative else { throw .unsupported(field: "fee", reason: "must not be negative") }
        let lots = try checked(quantity, "quantity", digits: JournalAmount.quantityDigits)
        let ticks = try checked(price, "price", digits: JournalAmount.priceDigits)
        let paid = try checked(fee, "fee", digits: JournalAmount.moneyDigits)
        let (amount, overflow) = lots.multipliedReportingOverflow(by: ticks)
        guard !overflow, amount < JournalAmount.amountLimit * JournalAmount.power(JournalAmount.moneyDigits) else {
            throw .unsupported(field: "quantity", reason: "× price must be below 1000000000000000")
        }
        return (lots, ticks, paid)
    }

    /// Replays one execution: `side` of `quantity` at `price` paying `fee` at `time`. Throws, and
    /// changes nothing, for a value it cannot keep exactly or a spot sell of more than it holds.
    public mutating func apply(side: OrderSide, quantity: ExactDecimal, price: ExactDecimal, fee: ExactDecimal, at time: Int)
        throws(JournalError) {
        let (size, ticks, paid) = try Self.units(quantity: quantity, price: price, fee: fee)
        // Below these bounds no sum of an execution can overflow: it adds at most an amount
        // (< 10³¹ units) to each total, or takes back what the open lots hold.
        guard held.magnitude < JournalAmount.totalsLimit, total.magnitude < JournalAmount.totalsLimit,
              realized.magnitude < JournalAmount.totalsLimit else { throw .overflow }
        let signed = side == .buy ? size : -size
        if !allowsShort, side == .sell, size > held {
            throw .oversold(holding: self.quantity, selling: JournalAmount.decimal(size, digits: JournalAmount.quantityDigits))
        }
        // Work on copies of the totals; the lots change only once nothing can fail any more.
        var held = self.held, total = self.total, realized: Int128 = 0
        var remaining = signed
        var index = head
        var reducedHead: JournalLot?
        while remaining != 0, index < storage.count, (storage[index].remaining > 0) != (remaining > 0) {
            let lot = storage[index]
            // Closing `closing` of the lot, in the lot's sign.
            let closing = lot.remaining > 0 ? min(lot.remaining, -remaining) : max(lot.remaining, -remaining)
            let feeShare = lot.fee(of: lot.remaining) - lot.fee(of: lot.remaining - closing)
            // (fill price − lot price) × closed quantity, as two products each bounded by an execution's amount.
            realized += ticks * closing - lot.price * closing - feeShare
            held -= closing
            total -= lot.price * closing + feeShare
            remaining += closing
            if closing == lot.remaining {
                index += 1
            } else {
                reducedHead = lot.reduced(by: closing)
            }
        }
        let closed = size - remaining.magnitudeInt128
        let closingFee = closed == 0 ? 0 : remaining == 0 ? paid : JournalAmount.multiplyDivide(paid, closed, size)!
        realized -= closingFee
        var opening: JournalLot?
        if remaining != 0 {
            guard let lot = JournalLot(quantity: remaining, price: ticks, fee: paid - closingFee, at: time) else { throw .overflow }
            opening = lot
            held += remaining
            total += lot.total
        }
        let newRealized = self.realized + realized
        head = index
        if let reducedHead { storage[head] = reducedHead }
        if let opening { storage.append(opening) }
        self.held = held
        self.total = total
        self.realized = newRealized
        executions += 1
        lastTradeAt = max(lastTradeAt ?? time, time)
        compact()
    }

    /// Drops closed lots from the front once they are many.
    private mutating func compact() {
        if head == storage.count {
            storage.removeAll(keepingCapacity: true)
            head = 0
        } else if head > 64 && head * 2 > storage.count {
            storage.removeFirst(head)
            head = 0
        }
    }
}

private extension Int128 {
    /// |self| as an Int128 (every value here is far from Int128.min).
    var magnitudeInt128: Int128 { self < 0 ? -self : self }
}
