/// An exact decimal number for money: an integer count of units of 10^-scale. Prices,
/// quantities and balances are never `Double`; they are parsed from and rendered to the
/// decimal strings the API carries, and stored as text (SQLite) or NUMERIC (PostgreSQL).
///
/// 128-bit units with up to 18 fractional digits hold every value the product needs
/// (|value| < 1.7e20 at full scale) with 18+ significant digits.
public struct ExactDecimal: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The value times 10^scale.
    public private(set) var units: Int128
    /// Digits after the decimal point, 0…18.
    public private(set) var scale: Int

    /// The most fractional digits kept.
    public static let maximumScale = 18
    public static let zero = ExactDecimal(units: 0, scale: 0)

    /// A value from units and scale.
    public init(units: Int128, scale: Int) {
        precondition((0...Self.maximumScale).contains(scale), "scale out of range")
        self.units = units
        self.scale = scale
    }

    /// A whole number.
    public init(_ integer: Int) {
        self.init(units: Int128(integer), scale: 0)
    }

    /// Parses `-?digits[.digits]` (an optional leading `+` too); nil for anything else,
    /// for more than 18 fractional digits, or for values beyond the range.
    public init?(_ text: some StringProtocol) {
        var utf8 = Substring(text).utf8[...]
        var negative = false
        if let first = utf8.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") {
            negative = first == UInt8(ascii: "-")
            utf8 = utf8.dropFirst()
        }
        var units: Int128 = 0
        var scale = 0
        var seenDigit = false
        var seenPoint = false
        for byte in utf8 {
            if byte == UInt8(ascii: ".") {
                guard !seenPoint, seenDigit else { return nil }
                seenPoint = true
                continue
            }
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            let (shifted, overflow1) = units.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = shifted.addingReportingOverflow(Int128(byte - UInt8(ascii: "0")))
            guard !overflow1, !overflow2 else { return nil }
            units = sum
            seenDigit = true
            if seenPoint {
                scale += 1
                guard scale <= Self.maximumScale else { return nil }
            }
        }
        guard seenDigit, !(seenPoint && scale == 0) else { return nil }
        self.init(units: negative ? -units : units, scale: scale)
    }

    /// The plain decimal text, keeping the scale (`"50000.00"`).
    public var description: String {
        withText { String(decoding: $0, as: UTF8.self) }
    }

    /// Calls `body` with the UTF-8 bytes of `description`, written backwards into a stack
    /// buffer: how `description` is made, and how a bulk load puts a decimal into a statement's
    /// binding or a COPY buffer without making a `String` per cell. The bytes are valid only
    /// during the call. Inlinable, so a caller in another module (the bulk loads) gets it
    /// specialized: unspecialized, each call looked up generic metadata, a tenth of a load.
    @inlinable
    public func withText<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        let negative = units < 0
        let magnitude = negative ? UInt128(bitPattern: 0 &- units) : UInt128(bitPattern: units)
        // At most 39 digits, a point and a sign.
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 48) { buffer in
            var position = buffer.count
            // 64-bit division per digit is the common case, and far cheaper than the
            // 128-bit division (a library call).
            if let small = UInt64(exactly: magnitude) {
                Self.writeDigits(of: small, scale: scale, into: buffer, endingAt: &position)
            } else {
                Self.writeDigits(of: magnitude, scale: scale, into: buffer, endingAt: &position)
            }
            if negative {
                position -= 1
                buffer[position] = UInt8(ascii: "-")
            }
            return body(UnsafeBufferPointer(rebasing: buffer[position...]))
        }
    }

    /// Writes `magnitude` with `scale` fractional digits backwards, as `description` does
    /// (`"0.05"`, `"12.30"`), ending just before `position`, which moves to the first byte.
    @inlinable
    static func writeDigits<Magnitude: UnsignedInteger & FixedWidthInteger>(
        of magnitude: Magnitude, scale: Int, into buffer: UnsafeMutableBufferPointer<UInt8>, endingAt position: inout Int
    ) {
        var magnitude = magnitude
        var written = 0
        repeat {
            if scale > 0 && written == scale {
                position -= 1
                buffer[position] = UInt8(ascii: ".")
            }
            let (quotient, digit) = magnitude.quotientAndRemainder(dividingBy: 10)
            position -= 1
            buffer[position] = UInt8(ascii: "0") + UInt8(truncatingIfNeeded: digit)
            magnitude = quotient
            written += 1
        } while magnitude > 0 || written <= scale
    }

    /// The same value with trailing fractional zeros removed (`"1.50"` → `"1.5"`).
    public var normalized: ExactDecimal {
        var result = self
        while result.scale > 0 && result.units % 10 == 0 {
            result.units /= 10
            result.scale -= 1
        }
        return result
    }

    /// True for values below zero.
    public var isNegative: Bool { units < 0 }

    private static func power(_ exponent: Int) -> Int128 {
        var result: Int128 = 1
        for _ in 0..<exponent { result *= 10 }
        return result
    }

    /// The value at `scale` digits (more digits pad with zeros; fewer round half to even).
    public func rescaled(to newScale: Int) -> ExactDecimal {
        if newScale == scale { return self }
        if newScale > scale { return ExactDecimal(units: units * Self.power(newScale - scale), scale: newScale) }
        return ExactDecimal(units: Self.divideRoundingHalfEven(units, Self.power(scale - newScale)), scale: newScale)
    }

    private static func divideRoundingHalfEven(_ dividend: Int128, _ divisor: Int128) -> Int128 {
        let quotient = dividend / divisor
        let remainder = dividend % divisor
        let twice = (remainder < 0 ? -remainder : remainder) * 2
        if twice > divisor || (twice == divisor && quotient % 2 != 0) {
            return quotient + (dividend < 0 ? -1 : 1)
        }
        return quotient
    }

    public static func + (lhs: ExactDecimal, rhs: ExactDecimal) -> ExactDecimal {
        let scale = max(lhs.scale, rhs.scale)
        return ExactDecimal(units: lhs.rescaled(to: scale).units + rhs.rescaled(to: scale).units, scale: scale)
    }

    public static func - (lhs: ExactDecimal, rhs: ExactDecimal) -> ExactDecimal {
        let scale = max(lhs.scale, rhs.scale)
        return ExactDecimal(units: lhs.rescaled(to: scale).units - rhs.rescaled(to: scale).units, scale: scale)
    }

    public static prefix func - (value: ExactDecimal) -> ExactDecimal {
        ExactDecimal(units: -value.units, scale: value.scale)
    }

    /// The exact product, rounded half to even only when it needs more than 18 fractional digits.
    public static func * (lhs: ExactDecimal, rhs: ExactDecimal) -> ExactDecimal {
        let scale = lhs.scale + rhs.scale
        let product = lhs.units * rhs.units
        if scale <= maximumScale { return ExactDecimal(units: product, scale: scale) }
        return ExactDecimal(units: divideRoundingHalfEven(product, power(scale - maximumScale)), scale: maximumScale)
    }

    /// The quotient to `scale` fractional digits, rounded half to even; nil when dividing by zero.
    public func divided(by divisor: ExactDecimal, scale resultScale: Int = 8) -> ExactDecimal? {
        guard divisor.units != 0 else { return nil }
        // value = (a / 10^sa) / (b / 10^sb); units at resultScale = a * 10^(resultScale + sb - sa) / b
        let exponent = resultScale + divisor.scale - scale
        if exponent >= 0 {
            return ExactDecimal(units: Self.divideRoundingHalfEven(units * Self.power(exponent), divisor.units), scale: resultScale)
        }
        return ExactDecimal(units: Self.divideRoundingHalfEven(units, divisor.units * Self.power(-exponent)), scale: resultScale)
    }

    public static func < (lhs: ExactDecimal, rhs: ExactDecimal) -> Bool {
        let scale = max(lhs.scale, rhs.scale)
        return lhs.rescaled(to: scale).units < rhs.rescaled(to: scale).units
    }

    /// Equal values compare equal whatever their scale (`1.0 == 1.00`).
    public static func == (lhs: ExactDecimal, rhs: ExactDecimal) -> Bool {
        let scale = max(lhs.scale, rhs.scale)
        return lhs.rescaled(to: scale).units == rhs.rescaled(to: scale).units
    }

    public func hash(into hasher: inout Hasher) {
        let normal = normalized
        hasher.combine(normal.units)
        hasher.combine(normal.scale)
    }
}
