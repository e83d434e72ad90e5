#if canImport(Glibc)
import Glibc
#endif

/// Latency histogram: 0.1 ms buckets up to 10 s, then one overflow bucket; exact max.
struct LatencyHistogram {
    static let bucketNanoseconds: UInt64 = 100_000
    static let bucketCount = 100_000
    private(set) var buckets = [UInt64](repeating: 0, count: LatencyHistogram.bucketCount + 1)
    private(set) var count: UInt64 = 0
    private(set) var maxNanoseconds: UInt64 = 0
    private(set) var sumNanoseconds: UInt64 = 0

    @inline(__always)
    mutating func record(_ nanoseconds: UInt64) {
        let index = min(Int(nanoseconds / Self.bucketNanoseconds), Self.bucketCount)
        buckets[index] &+= 1
        count &+= 1
        sumNanoseconds &+= nanoseconds
        if nanoseconds > maxNanoseconds { maxNanoseconds = nanoseconds }
    }

    mutating func merge(_ other: LatencyHistogram) {
        for index in buckets.indices { buckets[index] &+= other.buckets[index] }
        count &+= other.count
        sumNanoseconds &+= other.sumNanoseconds
        maxNanoseconds = max(maxNanoseconds, other.maxNanoseconds)
    }

    /// The upper edge of the bucket holding the `fraction` quantile, in milliseconds.
    func quantileMilliseconds(_ fraction: Double) -> Double {
        guard count > 0 else { return 0 }
        let rank = UInt64((Double(count) * fraction).rounded(.up))
        var seen: UInt64 = 0
        for (index, value) in buckets.enumerated() {
            seen += value
            if seen >= max(1, rank) {
                let edge = Double(UInt64(index + 1) * Self.bucketNanoseconds) / 1e6
                return min(edge, Double(maxNanoseconds) / 1e6)
            }
        }
        return Double(maxNanoseconds) / 1e6
    }

    var meanMilliseconds: Double { count == 0 ? 0 : Double(sumNanoseconds) / Double(count) / 1e6 }
}

/// Formats a number with a fixed count of decimals (no Foundation).
func fixed(_ value: Double, _ decimals: Int = 2) -> String {
    var scale = 1.0
    for _ in 0..<decimals { scale *= 10 }
    let rounded = (value * scale).rounded() / scale
    var text = "\(rounded)"
    if text.contains("e") { return text }
    if let dot = text.firstIndex(of: ".") {
        let fraction = text.distance(from: dot, to: text.endIndex) - 1
        if decimals == 0 { text = String(text[..<dot]) } else if fraction < decimals {
            text += String(repeating: "0", count: decimals - fraction)
        }
    }
    return text
}
