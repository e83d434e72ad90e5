/// Wilder's RSI over `period` changes: the first average gain and loss are simple averages
/// of the first `period` changes, then avg ← (avg·(period−1) + current) / period; RSI =
/// 100 − 100 / (1 + avgGain / avgLoss) (100 when there was no loss). Nil until `period`
/// changes (`period + 1` closes) arrived.
public struct WilderRSI: Sendable, Equatable {
    public let period: Int
    private var previous: Double?
    private var count = 0
    private var averageGain = 0.0
    private var averageLoss = 0.0
    public private(set) var value: Double?

    public init(period: Int = 14) {
        self.period = period
    }

    @discardableResult
    public mutating func add(_ close: Double) -> Double? {
        defer { previous = close }
        guard let previous else { return nil }
        let change = close - previous
        let gain = max(change, 0), loss = max(-change, 0)
        count += 1
        if count <= period {
            averageGain += gain / Double(period)
            averageLoss += loss / Double(period)
            guard count == period else { return nil }
        } else {
            averageGain = (averageGain * Double(period - 1) + gain) / Double(period)
            averageLoss = (averageLoss * Double(period - 1) + loss) / Double(period)
        }
        value = averageLoss == 0 ? (averageGain == 0 ? 50 : 100) : 100 - 100 / (1 + averageGain / averageLoss)
        return value
    }
}

/// Wilder's ATR over `period` candles: true range = max(high − low, |high − previous close|,
/// |low − previous close|) (high − low for the first candle); the first ATR is the simple
/// average of the first `period` true ranges, then ATR ← (ATR·(period−1) + TR) / period.
public struct WilderATR: Sendable, Equatable {
    public let period: Int
    private var previousClose: Double?
    private var count = 0
    private var sum = 0.0
    public private(set) var value: Double?

    public init(period: Int = 14) {
        self.period = period
    }

    @discardableResult
    public mutating func add(high: Double, low: Double, close: Double) -> Double? {
        let range = previousClose.map { max(high - low, abs(high - $0), abs(low - $0)) } ?? (high - low)
        previousClose = close
        count += 1
        if let current = value {
            value = (current * Double(period - 1) + range) / Double(period)
        } else {
            sum += range
            if count == period { value = sum / Double(period) }
        }
        return value
    }
}

/// Bollinger bands over `period` closes: middle = SMA, bands = middle ± k · σ with σ the
/// population standard deviation of the same closes. Nil until `period` closes arrived.
public struct BollingerBands: Sendable, Equatable {
    public let period: Int
    public let k: Double
    private var window: RollingWindow

    public init(period: Int = 20, k: Double = 2) {
        self.period = period
        self.k = k
        window = RollingWindow(capacity: period)
    }

    @discardableResult
    public mutating func add(_ close: Double) -> (lower: Double, middle: Double, upper: Double)? {
        window.append(close)
        return value
    }

    public var value: (lower: Double, middle: Double, upper: Double)? {
        guard window.isFull else { return nil }
        let values = window.values
        let mean = values.reduce(0, +) / Double(period)
        let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(period)
        let deviation = variance.squareRoot()
        return (mean - k * deviation, mean, mean + k * deviation)
    }
}
