import Primitives

/// What a COPY sends from: encoded bytes, emptied after each chunk is sent.
protocol PostgresCopyBuffer {
    var bytes: [UInt8] { get }
    mutating func removeAll()
}

/// Rows rendered in COPY's text format: fields separated by tabs, rows ended by newlines,
/// NULL as `\N`, and backslash, tab, newline and carriage return escaped so that values
/// containing them arrive unchanged.
///
/// As an `SQLCellWriter` it takes the cells of typed bulk rows: integers and decimals are
/// written straight into the buffer, digit by digit, without a `String` per cell.
struct PostgresCopyEncoder: SQLCellWriter, PostgresCopyBuffer {
    /// The encoded rows not yet sent.
    private(set) var bytes: [UInt8] = []
    /// Whether the next cell of a typed row needs a tab before it.
    private var continuesRow = false

    init(reservingCapacity capacity: Int) {
        bytes.reserveCapacity(capacity)
    }

    /// Appends one row.
    mutating func append(_ row: [SQLValue]) {
        for (index, value) in row.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: "\t")) }
            append(value)
        }
        bytes.append(UInt8(ascii: "\n"))
    }

    /// Starts a typed row with its already encoded leading fields (`encodedFields(_:)`,
    /// which end with their tab).
    mutating func beginRow(with leadingFields: [UInt8]) {
        bytes.append(contentsOf: leadingFields)
        continuesRow = false
    }

    /// Ends a typed row.
    mutating func endRow() {
        bytes.append(UInt8(ascii: "\n"))
    }

    mutating func integer(_ value: Int64) {
        separateCell()
        let negative = value < 0
        var magnitude = value.magnitude
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var position = digits.count
            repeat {
                let (quotient, digit) = magnitude.quotientAndRemainder(dividingBy: 10)
                position -= 1
                digits[position] = UInt8(ascii: "0") + UInt8(truncatingIfNeeded: digit)
                magnitude = quotient
            } while magnitude > 0
            if negative { bytes.append(UInt8(ascii: "-")) }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: digits[position...]))
        }
    }

    mutating func decimal(_ value: ExactDecimal) {
        separateCell()
        value.withText { bytes.append(contentsOf: $0) }
    }

    /// Forgets the encoded rows once sent, keeping the buffer's capacity.
    mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
    }

    /// `values` encoded as the leading fields of a row, each followed by its tab: what a
    /// typed bulk insert encodes once for its constants.
    static func encodedFields(_ values: [SQLValue]) -> [UInt8] {
        var encoder = PostgresCopyEncoder(reservingCapacity: 64)
        for value in values {
            encoder.append(value)
            encoder.bytes.append(UInt8(ascii: "\t"))
        }
        return encoder.bytes
    }

    private mutating func separateCell() {
        if continuesRow { bytes.append(UInt8(ascii: "\t")) }
        continuesRow = true
    }

    private mutating func append(_ value: SQLValue) {
        switch value {
        case .null:
            bytes.append(contentsOf: "\\N".utf8)
        case .integer(let value):
            bytes.append(contentsOf: String(value).utf8)
        case .double(let value):
            bytes.append(contentsOf: PostgresTextEncoding.doubleText(value).utf8)
        case .text(let text):
            appendEscaped(text)
        case .blob(let blob):
            // bytea's own `\x` prefix is itself escaped, since COPY would otherwise read `\x` as a hex escape.
            bytes.append(contentsOf: "\\\\x".utf8)
            bytes.append(contentsOf: Hex.encode(blob).utf8)
        }
    }

    private mutating func appendEscaped(_ text: String) {
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\\"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case UInt8(ascii: "\t"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case UInt8(ascii: "\n"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case UInt8(ascii: "\r"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            default: bytes.append(byte)
            }
        }
    }
}
