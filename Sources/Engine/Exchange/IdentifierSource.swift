/// Random version-4 UUIDs (lower-case, 36 characters) for orders, fills and lots, from a
/// generator seeded once per process: fast, and unique across restarts with 122 random bits.
struct IdentifierSource {
    private var random: SeededRandom
    private static let hex = Array("0123456789abcdef".utf8)

    init(seed: UInt64) {
        random = SeededRandom(seed: seed)
    }

    mutating func next() -> String {
        nextWithKey().id
    }

    /// A new id and its key: the id's first 64 bits, which `key(of:)` reads back from the text.
    mutating func nextWithKey() -> (id: String, key: UInt64) {
        var high = random.next(), low = random.next()
        high = (high & 0xFFFF_FFFF_FFFF_0FFF) | 0x0000_0000_0000_4000  // version 4
        low = (low & 0x3FFF_FFFF_FFFF_FFFF) | 0x8000_0000_0000_0000    // variant 10
        return (String(unsafeUninitializedCapacity: 36) { buffer in
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
        }, high)
    }

    /// The key of an id made here (its first 64 bits); nil for text that is not such an id.
    static func key(of id: String) -> UInt64? {
        var key: UInt64 = 0
        var digits = 0
        for byte in id.utf8.prefix(18) {
            if byte == UInt8(ascii: "-") { continue }
            let value: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): value = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): value = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): value = byte - UInt8(ascii: "A") + 10
            default: return nil
            }
            key = key << 4 | UInt64(value)
            digits += 1
        }
        return digits == 16 ? key : nil
    }
}
