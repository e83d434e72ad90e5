import Primitives

/// The balance of one asset: what is free to use and what open orders hold.
public struct BalanceRecord: Sendable, Equatable {
    /// The asset (`USDT`, `BTC`, `KRW`, …).
    public var asset: String
    /// The part free to use.
    public var free: ExactDecimal
    /// The part open orders hold.
    public var locked: ExactDecimal
    /// Epoch milliseconds of the last change.
    public var updatedAt: Int

    /// A balance record.
    public init(asset: String, free: ExactDecimal, locked: ExactDecimal = .zero, updatedAt: Int) {
        self.asset = asset
        self.free = free
        self.locked = locked
        self.updatedAt = updatedAt
    }

    init(row: SQLRow) throws(StorageError) {
        self.init(asset: try row.string("asset"), free: try row.decimal("free"), locked: try row.decimal("locked"),
                  updatedAt: try row.int("updated_at"))
    }
}
