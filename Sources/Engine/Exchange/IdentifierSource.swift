/// Random version-4 UUIDs for orders, fills, lots and positions, from a generator seeded once
/// per process: fast, and unique across restarts with 122 random bits.
struct IdentifierSource {
    private var random: SeededRandom

    init(seed: UInt64) {
        random = SeededRandom(seed: seed)
    }

    mutating func next() -> Identifier {
        var high = random.next(), low = random.next()
        high = (high & 0xFFFF_FFFF_FFFF_0FFF) | 0x0000_0000_0000_4000  // version 4
        low = (low & 0x3FFF_FFFF_FFFF_FFFF) | 0x8000_0000_0000_0000    // variant 10
        return Identifier(high: high, low: low)
    }
}
