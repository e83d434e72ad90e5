import Primitives

/// An open FIFO lot of a journal ledger: what one execution opened and still holds. A long lot
/// has a positive quantity and costs its price plus its fee spread over its quantity; a short
/// lot (margin venue) has a negative quantity and brings in its price less its fee spread
/// over its quantity. Selling or buying back part of it takes the fee in proportion.
public struct JournalLot: Sendable, Equatable {
    /// Units of 10⁻⁸: what is still open (signed) and what the execution opened.
    let remaining: Int128
    let opened: Int128
    /// Units of 10⁻⁸.
    let price: Int128
    /// The fee the opening execution put on this lot, units of 10⁻¹⁶.
    let fee: Int128
    /// The unit cost (or, short, the unit proceeds), units of 10⁻¹⁶.
    let unitCost: Int128
    /// When it opened, epoch milliseconds.
    public let openedAt: Int

    /// A lot opened with `quantity` (signed) at `price` and `fee`; nil when its unit cost does not fit.
    init?(quantity: Int128, price: Int128, fee: Int128, at time: Int) {
        guard let unitCost = JournalAmount.multiplyDivide(quantity * price + fee, JournalAmount.quantityScale, quantity) else { return nil }
        self.init(remaining: quantity, opened: quantity, price: price, fee: fee, unitCost: unitCost, openedAt: time)
    }

    private init(remaining: Int128, opened: Int128, price: Int128, fee: Int128, unitCost: Int128, openedAt: Int) {
        self.remaining = remaining
        self.opened = opened
        self.price = price
        self.fee = fee
        self.unitCost = unitCost
        self.openedAt = openedAt
    }

    /// The fee of `quantity` of the lot (same sign as the lot): the whole fee for the whole lot,
    /// none for nothing, in proportion between, rounded half to even. Closing parts of a lot
    /// takes differences of this, so the parts of a fee always add up to the fee.
    func fee(of quantity: Int128) -> Int128 {
        // Never nil: `opened` is not 0 and |quantity| ≤ |opened|, so the share is at most the fee.
        quantity == opened ? fee : JournalAmount.multiplyDivide(fee, quantity, opened)!
    }

    /// What the open part counts for in the venue's total cost: quantity × price + its fee
    /// (negative for a short: the proceeds, less the fee).
    var total: Int128 { remaining * price + fee(of: remaining) }

    /// The lot with `quantity` (same sign) closed.
    func reduced(by quantity: Int128) -> JournalLot {
        JournalLot(remaining: remaining - quantity, opened: opened, price: price, fee: fee, unitCost: unitCost, openedAt: openedAt)
    }

    /// The open quantity (negative: short).
    public var quantity: ExactDecimal { JournalAmount.decimal(remaining, digits: JournalAmount.quantityDigits) }

    /// Price + fee / quantity as the lot opened (short: price − fee / |quantity|), rounded half
    /// to even at the 16th decimal place.
    public var cost: ExactDecimal { JournalAmount.decimal(unitCost, digits: JournalAmount.moneyDigits) }
}
