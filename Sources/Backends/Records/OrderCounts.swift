import Primitives

/// Counts of orders for `/orders/stats`.
public struct OrderCounts: Sendable, Equatable {
    public var byStatus: [String: Int]
    public var bySide: [String: Int]
}
