/// Random version-4 UUIDs (lower-case, 36 characters) for orders, fills and lots, from a
/// generator seeded once per process: fast, and unique across restarts with 122 random bits.
struct IdentifierSource {
    private var random: SeededRandom
    private static let hex = Array("0123456789abcdef".utf8)

    init(seed: UInt64) {
        random = SeededRandom(seed: seed)
    }

    mutating func next() -> String {
        var high = random.next(), low = random.next()
        high = (high & 0xFFFF_FFFF_FFFF_0FFF) | 0x0000_0000_0000_4000  // version 4
        low = (low & 0x3FFF_FFFF_FFFF_FFFF) | 0x8000_0000_0000_0000    // variant 10
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
}
