/// The last `capacity` values of a series, oldest first, in a ring: what the rolling
/// indicators keep, and what strategies use for lookbacks (n-period returns, ranges).
public struct RollingWindow: Sendable, Equatable {
    public let capacity: Int
    private var storage: [Double] = []
    private var next = 0

    public init(capacity: Int) {
        precondition(capacity > 0, "a window holds at least one value")
        self.capacity = capacity
        storage.reserveCapacity(capacity)
    }

    public var count: Int { storage.count }
    public var isFull: Bool { storage.count == capacity }

    /// Adds `value`; returns the value it pushed out when the window was full.
    @discardableResult
    public mutating func append(_ value: Double) -> Double? {
        if storage.count < capacity {
            storage.append(value)
            return nil
        }
        let dropped = storage[next]
        storage[next] = value
        next = (next + 1) % capacity
        return dropped
    }

    /// The `index`-th value, 0 the oldest held.
    public subscript(index: Int) -> Double {
        storage.count < capacity ? storage[index] : storage[(next + index) % capacity]
    }

    /// The newest value (nil when empty).
    public var last: Double? { storage.isEmpty ? nil : self[storage.count - 1] }

    /// The values, oldest first.
    public var values: [Double] { (0..<storage.count).map { self[$0] } }

    public var maximum: Double? { storage.max() }
    public var minimum: Double? { storage.min() }
}
