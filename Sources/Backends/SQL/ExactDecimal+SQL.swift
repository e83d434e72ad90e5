import Primitives

extension ExactDecimal: SQLBindable {
    /// Bound as text: exact on both SQLite (TEXT) and PostgreSQL (NUMERIC infers from text).
    public var sqlValue: SQLValue { .text(description) }
}

extension SQLRow {
    /// An exact decimal column (TEXT on SQLite, NUMERIC on PostgreSQL).
    public func decimal(_ column: String) throws(StorageError) -> ExactDecimal {
        let text = try string(column)
        guard let value = ExactDecimal(text) else { throw .decoding(column: column, reason: "'\(text)' is not a decimal") }
        return value
    }

    /// An exact decimal column or nil.
    public func optionalDecimal(_ column: String) throws(StorageError) -> ExactDecimal? {
        guard optionalString(column) != nil else { return nil }
        return try decimal(column)
    }
}

extension ExactDecimal {
    /// Calls `body` with the UTF-8 bytes of `description`, written into a stack buffer: how a
    /// bulk load puts a decimal into a statement's binding or a COPY buffer without making a
    /// `String` per cell. The bytes are valid only during the call.
    func withText<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        let negative = units < 0
        let magnitude = negative ? UInt128(bitPattern: 0 &- units) : UInt128(bitPattern: units)
        // At most 39 digits, a point and a sign.
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 48) { buffer in
            var position = buffer.count
            // 64-bit division per digit is the common case, and far cheaper than the
            // 128-bit division (a library call) that `description` pays.
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
    private static func writeDigits<Magnitude: UnsignedInteger & FixedWidthInteger>(
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
}
