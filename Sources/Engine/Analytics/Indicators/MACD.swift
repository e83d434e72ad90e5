/// MACD line = EMA(fast) − EMA(slow) of closes (API.md "Inputs of the scores": MACD = EMA(12) −
/// EMA(26), macd_slope = MACD[n−1] − MACD[n−2]). Each EMA is the incremental
/// `ExponentialMovingAverage` (seeded with its SMA), so the line exists from the `slow`-th
/// close and its slope from the next one.
public struct MACD: Sendable, Equatable {
    private var fast: ExponentialMovingAverage
    private var slow: ExponentialMovingAverage
    /// The latest MACD value (nil until both averages exist).
    public private(set) var value: Double?
    /// The MACD value before the latest one.
    public private(set) var previous: Double?

    /// An empty MACD line over EMA(`fast`) and EMA(`slow`).
    public init(fast: Int = 12, slow: Int = 26) {
        self.fast = ExponentialMovingAverage(period: fast)
        self.slow = ExponentialMovingAverage(period: slow)
    }

    /// Adds a close; returns the MACD value once both averages exist.
    @discardableResult
    public mutating func add(_ close: Double) -> Double? {
        let fastValue = fast.add(close), slowValue = slow.add(close)
        guard let fastValue, let slowValue else { return nil }
        previous = value
        value = fastValue - slowValue
        return value
    }

    /// MACD[n−1] − MACD[n−2]: the change of the line over the last close (nil until two values).
    public var slope: Double? {
        guard let value, let previous else { return nil }
        return value - previous
    }

    /// The MACD(fast, slow) of `closes` (oldest first) after its last close, with its slope.
    public static func of(_ closes: [Double], fast: Int = 12, slow: Int = 26) -> MACD {
        var macd = MACD(fast: fast, slow: slow)
        for close in closes { macd.add(close) }
        return macd
    }
}
