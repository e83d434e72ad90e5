/// One asset of the account, in its units: what is free to use and what open orders (or
/// margin positions) hold.
public struct AssetBalance: Sendable, Equatable {
    public var free: Int128
    public var locked: Int128

    public init(free: Int128 = 0, locked: Int128 = 0) {
        self.free = free
        self.locked = locked
    }

    public var total: Int128 { free + locked }
}
