/// Simple moving average of the last `period` values: Σ values / period once `period` values
/// arrived (nil before).
public struct SimpleMovingAverage: Sendable, Equatable {
    public let period: Int
    private var window: RollingWindow
    private var sum = 0.0

    public init(period: Int) {
        self.period = period
        window = RollingWindow(capacity: period)
    }

    /// Adds a value; returns the average when there are `period` values.
    @discardableResult
    public mutating func add(_ value: Double) -> Double? {
        if let dropped = window.append(value) { sum -= dropped }
        sum += value
        return self.value
    }

    public var value: Double? { window.isFull ? sum / Double(period) : nil }
}

/// Exponential moving average with α = 2 / (period + 1), seeded with the simple average of
/// the first `period` values (nil before).
public struct ExponentialMovingAverage: Sendable, Equatable {
    public let period: Int
    private var seed: SimpleMovingAverage
    public private(set) var value: Double?

    public init(period: Int) {
        self.period = period
        seed = SimpleMovingAverage(period: period)
    }

    @discardableResult
    public mutating func add(_ value: Double) -> Double? {
        if let current = self.value {
            let alpha = 2.0 / Double(period + 1)
            self.value = current + alpha * (value - current)
        } else {
            self.value = seed.add(value)
        }
        return self.value
    }
}
