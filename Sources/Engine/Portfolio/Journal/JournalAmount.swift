import Primitives

/// The fixed units a journal ledger counts in, so that its arithmetic is exact integer
/// arithmetic: quantities and prices in 10⁻⁸ (no symbol or import has more digits), money
/// (quantity × price, fees, costs, PnL) in 10⁻¹⁶, where every quantity × price is exact.
///
/// The only roundings, half to even at the 16th decimal place: a lot's fee share of part of
/// its quantity, the part of a fee that closes lots when the rest opens a lot the other way,
/// and unit costs (quotients). Bounds keep every sum far inside 128 bits: quantities and prices
/// below 10¹², fees below 10¹², quantity × price below 10¹⁵.
enum JournalAmount {
    static let quantityDigits = 8
    static let priceDigits = 8
    static let moneyDigits = quantityDigits + priceDigits
    /// 10⁸: a quantity unit over a money unit's worth of quantity digits.
    static let quantityScale: Int128 = 100_000_000
    static let valueLimit: Int128 = 1_000_000_000_000
    static let amountLimit: Int128 = 1_000_000_000_000_000
    /// What a ledger's totals stay below (in units), far from 128 bits' 1.7 × 10³⁸.
    static let totalsLimit: UInt128 = 10_000_000_000_000_000_000_000_000_000_000_000_000

    /// `value` in units of 10^-digits; nil when it has more (non-zero) digits or is not below `limit`.
    static func units(_ value: ExactDecimal, digits: Int, below limit: Int128) -> Int128? {
        let units: Int128
        if value.scale <= digits {
            let (scaled, overflow) = value.units.multipliedReportingOverflow(by: power(digits - value.scale))
            guard !overflow else { return nil }
            units = scaled
        } else {
            let (quotient, remainder) = value.units.quotientAndRemainder(dividingBy: power(value.scale - digits))
            guard remainder == 0 else { return nil }
            units = quotient
        }
        return units.magnitude < (limit * power(digits)).magnitude ? units : nil
    }

    /// 10⁰ … 10³⁸, the powers of ten an Int128 holds.
    private static let powers: [Int128] = {
        var powers: [Int128] = [1]
        while powers.count < 39 { powers.append(powers[powers.count - 1] * 10) }
        return powers
    }()

    /// 10^exponent, exponent 0…38.
    static func power(_ exponent: Int) -> Int128 { powers[exponent] }

    /// Units of 10^-digits as a decimal without trailing zeros.
    static func decimal(_ units: Int128, digits: Int) -> ExactDecimal {
        ExactDecimal(units: units, scale: digits).normalized
    }

    /// `a × b / c` rounded half to even, through a 256-bit product; nil when `c` is 0 or the
    /// result does not fit.
    static func multiplyDivide(_ a: Int128, _ b: Int128, _ c: Int128) -> Int128? {
        guard c != 0 else { return nil }
        if a == 0 || b == 0 { return 0 }
        let negative = ((a < 0) != (b < 0)) != (c < 0)
        let divisor = c.magnitude
        let product = a.magnitude.multipliedFullWidth(by: b.magnitude)
        guard product.high < divisor else { return nil }
        var (quotient, remainder) = divisor.dividingFullWidth(product)
        // Half to even: the remainder against half the divisor, without overflowing (remainder < divisor ≤ 2¹²⁷).
        let twice = remainder * 2
        if twice > divisor || (twice == divisor && quotient % 2 == 1) { quotient += 1 }
        guard quotient <= UInt128(Int128.max) else { return nil }
        return negative ? -Int128(quotient) : Int128(quotient)
    }
}
