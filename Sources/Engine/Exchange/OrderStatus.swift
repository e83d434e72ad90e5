/// An order's lifecycle: Pending (accepted, not yet on the book) → Open → PartiallyFilled →
/// Filled, or Cancelled / Rejected / Expired.
public enum OrderStatus: String, Sendable, CaseIterable {
    case pending = "Pending", open = "Open", partiallyFilled = "PartiallyFilled", filled = "Filled"
    case cancelled = "Cancelled", rejected = "Rejected", expired = "Expired"

    /// True while the order can still trade or be cancelled.
    public var isActive: Bool { self == .pending || self == .open || self == .partiallyFilled }
}
