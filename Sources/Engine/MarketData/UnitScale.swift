import Primitives

/// How a symbol's integer units read as decimals: `digits` after the point, so one unit is
/// 10^-digits (a price tick of 0.01 has 2 digits; KRW prices have 0). Used for prices (ticks)
/// and for quantities (lots).
public struct UnitScale: Sendable, Equatable {
    public let digits: Int

    public init(digits: Int) {
        precondition((0...ExactDecimal.maximumScale).contains(digits), "digits out of range")
        self.digits = digits
    }

    /// `value` in units, rounded half to even to the scale; nil when it does not fit 64 bits.
    public func units(_ value: ExactDecimal) -> Int64? {
        if value.scale < digits {
            // Rescaling up multiplies: a value from a request may be too large for even 128 bits.
            let (scaled, overflow) = value.units.multipliedReportingOverflow(by: AssetScales.power(digits - value.scale))
            return overflow ? nil : Int64(exactly: scaled)
        }
        return Int64(exactly: value.rescaled(to: digits).units)
    }

    /// Units in one whole (10^digits), for analytics in `Double`.
    public var perWhole: Double { Self.power(digits) }

    /// 10^`digits` as a `Double` (1 for 0 or fewer digits).
    public static func power(_ digits: Int) -> Double {
        var value = 1.0
        for _ in 0..<max(0, digits) { value *= 10 }
        return value
    }

    /// `value` (an analytic result in `Double`) as a decimal with exactly `digits` digits,
    /// rounded to the nearest unit; nil when it is not finite or does not fit 64 bits.
    public func decimal(rounding value: Double) -> ExactDecimal? {
        let units = (value * perWhole).rounded()
        guard units.isFinite, abs(units) < 9e18 else { return nil }
        return decimal(Int64(units))
    }

    /// The decimal of `units`, with exactly `digits` digits (`65432.10`).
    public func decimal(_ units: Int64) -> ExactDecimal {
        ExactDecimal(units: Int128(units), scale: digits)
    }

    /// A bar of decimal prices and volume in this symbol's units; nil when a value does not fit.
    public static func bar(start: Int, open: ExactDecimal, high: ExactDecimal, low: ExactDecimal, close: ExactDecimal,
                           volume: ExactDecimal, prices: UnitScale, quantities: UnitScale) -> Bar? {
        guard let o = prices.units(open), let h = prices.units(high), let l = prices.units(low),
              let c = prices.units(close), let v = quantities.units(volume) else { return nil }
        return Bar(start: start, open: o, high: h, low: l, close: c, volume: v)
    }
}
