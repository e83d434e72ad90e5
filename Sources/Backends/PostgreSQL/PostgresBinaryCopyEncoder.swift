import Primitives

/// Typed bulk rows in COPY's binary format (`COPY … FROM STDIN WITH (FORMAT binary)`): the
/// server reads each number in its own wire form instead of parsing text, which on a candle
/// load is a tenth of its work. Every tuple is a 16-bit field count, then each field as a
/// 32-bit length and its bytes, all big-endian.
///
/// Cells are sent as the column's own type, so the columns must be: `integer(_:)` an int8
/// (BIGINT) column, `decimal(_:)` a NUMERIC one. Constants: `.integer` int8, `.double`
/// float8, `.text` text, `.blob` bytea, `.null` NULL.
struct PostgresBinaryCopyEncoder: SQLCellWriter, PostgresCopyBuffer {
    /// The encoded bytes not yet sent: the header first, then tuples.
    private(set) var bytes: [UInt8] = []
    /// Fields per tuple.
    private let fieldCount: Int16

    /// The signature, flags and header extension length every binary COPY starts with.
    static let header: [UInt8] = Array("PGCOPY\n".utf8) + [0xFF, 0x0D, 0x0A, 0x00] + [0, 0, 0, 0] + [0, 0, 0, 0]
    /// The field count -1 that ends the data.
    static let trailer: [UInt8] = [0xFF, 0xFF]

    init(fieldCount: Int, reservingCapacity capacity: Int) {
        self.fieldCount = Int16(fieldCount)
        bytes.reserveCapacity(capacity)
        bytes.append(contentsOf: Self.header)
    }

    /// Starts a tuple with its already encoded leading fields (`encodedFields(_:)`).
    mutating func beginRow(with leadingFields: [UInt8]) {
        append16(UInt16(bitPattern: fieldCount))
        bytes.append(contentsOf: leadingFields)
    }

    /// Ends the data (after the last tuple).
    mutating func finish() {
        bytes.append(contentsOf: Self.trailer)
    }

    mutating func integer(_ value: Int64) {
        append32(8)
        append64(UInt64(bitPattern: value))
    }

    /// NUMERIC's wire form: digit count, weight (of the first digit, in powers of 10,000),
    /// sign, display scale, then base-10,000 digits, most significant first. The fraction is
    /// padded to whole groups of four decimal digits; the display scale keeps the value's own
    /// scale, so "1.10" arrives as 1.10.
    mutating func decimal(_ value: ExactDecimal) {
        let negative = value.units < 0
        let magnitude = value.units.magnitude
        let scale = value.scale
        var divisor: UInt128 = 1
        for _ in 0..<scale { divisor *= 10 }
        let (whole, fraction) = magnitude.quotientAndRemainder(dividingBy: divisor)
        withUnsafeTemporaryAllocation(of: UInt16.self, capacity: 16) { wholeGroups in
            var wholeCount = 0
            var rest = whole
            while rest > 0 {
                let (quotient, group) = rest.quotientAndRemainder(dividingBy: 10_000)
                wholeGroups[wholeCount] = UInt16(group)
                wholeCount += 1
                rest = quotient
            }
            let fractionCount = (scale + 3) / 4
            var paddedFraction = fraction
            for _ in 0..<(fractionCount * 4 - scale) { paddedFraction *= 10 }
            let digitCount = wholeCount + fractionCount
            append32(UInt32(8 + 2 * digitCount))
            append16(UInt16(digitCount))
            append16(UInt16(bitPattern: Int16(wholeCount - 1)))
            append16(negative ? 0x4000 : 0x0000)
            append16(UInt16(scale))
            for index in stride(from: wholeCount - 1, through: 0, by: -1) { append16(wholeGroups[index]) }
            var unit: UInt128 = 1
            for _ in 0..<fractionCount * 4 { unit *= 10 }
            for _ in 0..<fractionCount {
                unit /= 10_000
                let (group, remainder) = paddedFraction.quotientAndRemainder(dividingBy: unit)
                append16(UInt16(group))
                paddedFraction = remainder
            }
        }
    }

    /// Forgets the encoded bytes once sent, keeping the buffer's capacity.
    mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
    }

    /// `values` encoded as the leading fields of a tuple: what a typed bulk insert encodes
    /// once for its constants.
    static func encodedFields(_ values: [SQLValue]) -> [UInt8] {
        var encoder = PostgresBinaryCopyEncoder(fieldCount: 0, reservingCapacity: 64)
        encoder.bytes.removeAll()
        for value in values {
            switch value {
            case .null: encoder.append32(UInt32(bitPattern: -1))
            case .integer(let number): encoder.integer(number)
            case .double(let number):
                encoder.append32(8)
                encoder.append64(number.bitPattern)
            case .text(let text):
                encoder.append32(UInt32(text.utf8.count))
                encoder.bytes.append(contentsOf: text.utf8)
            case .blob(let blob):
                encoder.append32(UInt32(blob.count))
                encoder.bytes.append(contentsOf: blob)
            }
        }
        return encoder.bytes
    }

    private mutating func append16(_ value: UInt16) {
        bytes.append(UInt8(truncatingIfNeeded: value >> 8))
        bytes.append(UInt8(truncatingIfNeeded: value))
    }

    private mutating func append32(_ value: UInt32) {
        withUnsafeBytes(of: value.bigEndian) { bytes.append(contentsOf: $0) }
    }

    private mutating func append64(_ value: UInt64) {
        withUnsafeBytes(of: value.bigEndian) { bytes.append(contentsOf: $0) }
    }
}
