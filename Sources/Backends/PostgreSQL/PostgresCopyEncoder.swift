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
/// For untyped rows (`[[SQLValue]]`); typed bulk rows go through `PostgresBinaryCopyEncoder`.
struct PostgresCopyEncoder: PostgresCopyBuffer {
    /// The encoded rows not yet sent.
    private(set) var bytes: [UInt8] = []

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

    /// Forgets the encoded rows once sent, keeping the buffer's capacity.
    mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
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
