import Foundation

/// One-day risk of holding a symbol, by historical simulation over its newest daily returns,
/// as fractions of the price (multiply by a price for money): the 95% value at risk, the
/// expected shortfall beyond it, and the annualised volatility.
///
/// With closes `c₀…c_w` (oldest first) the returns are `rᵢ = cᵢ / cᵢ₋₁ − 1`.
/// - `valueAtRisk` = −q₀.₀₅(r), where q is the percentile with linear interpolation between
///   order statistics (numpy's default: position `p·(w − 1)` in the sorted returns).
/// - `expectedShortfall` = −mean{rᵢ : rᵢ ≤ q₀.₀₅(r)}, never below `valueAtRisk` (the set holds
///   at least the smallest return).
/// - `volatility` = the sample standard deviation of `ln(cᵢ / cᵢ₋₁)` times √(returns per
///   year), the returns per year being `w` over the years from `c₀`'s day to `c_w`'s, so a
///   market that trades every day (crypto) annualises by about √365 and one that trades on
///   weekdays by about √252.
public struct HistoricalRisk: Sendable, Equatable {
    /// The loss not exceeded on 95% of the days, as a fraction of the price.
    public let valueAtRisk: Double
    /// The mean loss on the days at or beyond the value at risk, as a fraction of the price.
    public let expectedShortfall: Double
    /// Annualised volatility of the daily log returns.
    public let volatility: Double
    /// How many daily returns were used.
    public let returns: Int

    /// The tail probability of `valueAtRisk` (95% confidence).
    public static let tail = 0.05
    private static let year = 365.25 * 86_400_000

    /// The risk of the newest `window` returns of `closes` (epoch ms of each close's day,
    /// and the close, oldest first); nil when there are fewer than `window` + 1 closes, a
    /// close is not positive, or the closes do not span any time.
    public init?(closes: [(time: Int, close: Double)], window: Int) {
        guard window >= 2, closes.count > window else { return nil }
        let used = closes.suffix(window + 1)
        guard used.allSatisfy({ $0.close > 0 && $0.close.isFinite }), let first = used.first, let last = used.last,
              last.time > first.time else { return nil }
        var simple: [Double] = []
        var logarithmic: [Double] = []
        simple.reserveCapacity(window)
        logarithmic.reserveCapacity(window)
        var previous = first.close
        for point in used.dropFirst() {
            simple.append(point.close / previous - 1)
            logarithmic.append(Foundation.log(point.close / previous))
            previous = point.close
        }
        let quantile = Self.percentile(simple.sorted(), Self.tail)
        let tail = simple.filter { $0 <= quantile }
        valueAtRisk = -quantile
        expectedShortfall = -(tail.reduce(0, +) / Double(tail.count))
        let perYear = Double(window) * Self.year / Double(last.time - first.time)
        volatility = Self.standardDeviation(logarithmic) * perYear.squareRoot()
        returns = window
    }

    /// The `p` percentile of `sorted` (ascending, not empty) with linear interpolation
    /// between the order statistics around position `p·(n − 1)`.
    static func percentile(_ sorted: [Double], _ p: Double) -> Double {
        let position = p * Double(sorted.count - 1)
        let below = Int(position.rounded(.down))
        let above = min(below + 1, sorted.count - 1)
        let fraction = position - Double(below)
        return sorted[below] + (sorted[above] - sorted[below]) * fraction
    }

    /// The sample standard deviation (n − 1 in the denominator) of at least two values.
    static func standardDeviation(_ values: [Double]) -> Double {
        let mean = values.reduce(0, +) / Double(values.count)
        let squares = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
        return (squares / Double(values.count - 1)).squareRoot()
    }
}
