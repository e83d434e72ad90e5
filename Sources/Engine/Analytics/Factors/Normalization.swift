/// API.md's norm(v, a, b → c, d): v clamped to [a, b], then mapped linearly onto [c, d]
/// (c at a, d at b; c > d maps in reverse, so "lower is better" reads norm(v, 5, 30 → 100, 0)).
enum Normalization {
    /// norm(v, a, b → c, d) = c + (clamp(v, a, b) − a)/(b − a)·(d − c), for a < b.
    static func norm(_ value: Double, _ a: Double, _ b: Double, to c: Double, _ d: Double) -> Double {
        let clamped = min(b, max(a, value))
        return c + (clamped - a) / (b - a) * (d - c)
    }

    /// The mean of `parts`; nil when there are none.
    static func mean(_ parts: [Double]) -> Double? {
        parts.isEmpty ? nil : parts.reduce(0, +) / Double(parts.count)
    }
}
