/// An id of the paper exchange (orders, fills, lots): a random version-4 UUID held as its two
/// 64-bit halves and written out (lower-case, 36 characters) only when asked, so the engine
/// never formats or allocates one; an id from elsewhere that is not such a UUID is kept as
/// its text.
public struct Identifier: Hashable, Sendable, CustomStringConvertible {
    /// The UUID's halves (0 for a text id).
    let high: UInt64
    let low: UInt64
    /// The id when it is not a UUID.
    let text: String?

    init(high: UInt64, low: UInt64) {
        self.init(high: high, low: low, text: nil)
    }

    private init(high: UInt64, low: UInt64, text: String?) {
        self.high = high
        self.low = low
        self.text = text
    }

    /// The id `text` names: a UUID (any case) by its value, anything else as it is.
    public init(_ text: String) {
        if let (high, low) = Self.uuid(text) {
            self.init(high: high, low: low)
        } else {
            self.init(high: 0, low: 0, text: text)
        }
    }

    /// The UUID's first half, what indexes it (nil for a text id).
    var key: UInt64? { text == nil ? high : nil }

    private static let hex = Array("0123456789abcdef".utf8)

    /// The id as text: the UUID in its canonical form, or the text it was.
    public var description: String {
        if let text { return text }
        let (high, low) = (self.high, self.low)
        return String(unsafeUninitializedCapacity: 36) { buffer in
            var index = 0
            func put(_ value: UInt64, _ digits: Int) {
                for shift in stride(from: (digits - 1) * 4, through: 0, by: -4) {
                    buffer[index] = Self.hex[Int((value >> UInt64(shift)) & 0xF)]
                    index += 1
                }
            }
            func dash() {
                buffer[index] = UInt8(ascii: "-")
                index += 1
            }
            put(high >> 32, 8); dash(); put(high >> 16, 4); dash(); put(high, 4); dash(); put(low >> 48, 4); dash(); put(low, 12)
            return 36
        }
    }

    /// The halves of a UUID written 8-4-4-4-12 in hexadecimal digits; nil for other text.
    static func uuid(_ text: String) -> (UInt64, UInt64)? {
        var utf8 = text.utf8.makeIterator()
        var halves: (UInt64, UInt64) = (0, 0)
        var digits = 0
        var position = 0
        while let byte = utf8.next() {
            defer { position += 1 }
            if position == 8 || position == 13 || position == 18 || position == 23 {
                guard byte == UInt8(ascii: "-") else { return nil }
                continue
            }
            let value: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): value = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): value = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): value = byte - UInt8(ascii: "A") + 10
            default: return nil
            }
            if digits < 16 { halves.0 = halves.0 << 4 | UInt64(value) } else { halves.1 = halves.1 << 4 | UInt64(value) }
            digits += 1
        }
        return digits == 32 && position == 36 ? halves : nil
    }
}
