/// Checks that bytes are well-formed UTF-8 (RFC 3629), incrementally, so a text
/// message split across frames can be rejected at the first fragment that can never
/// become valid instead of after the whole message has been buffered.
///
/// It rejects overlong forms (C0, C1, E0 80-9F, F0 80-8F), UTF-16 surrogates
/// (ED A0-BF) and scalars above U+10FFFF (F4 90-BF, F5-FF) by narrowing the range
/// allowed for the byte after the lead byte, as in the table of RFC 3629 §4.
struct UTF8Validator: Sendable {
    /// Continuation bytes still owed by the current scalar.
    private var remaining = 0
    /// The range allowed for the next continuation byte.
    private var lower: UInt8 = 0x80
    private var upper: UInt8 = 0xBF

    /// Creates a validator at the start of a stream.
    init() {}

    /// Whether the bytes so far end on a scalar boundary; a stream that ends
    /// elsewhere has a truncated sequence.
    var isAtScalarBoundary: Bool { remaining == 0 }

    /// Whether `bytes` is a complete, well-formed UTF-8 sequence.
    static func isValid(_ bytes: some Collection<UInt8>) -> Bool {
        var validator = UTF8Validator()
        return validator.consume(bytes) && validator.isAtScalarBoundary
    }

    /// Feeds the next bytes of the stream. Returns false as soon as they cannot be
    /// part of valid UTF-8; after that the validator's state means nothing.
    mutating func consume(_ bytes: some Collection<UInt8>) -> Bool {
        if let result = bytes.withContiguousStorageIfAvailable({ consume(UnsafeRawBufferPointer($0)) }) {
            return result
        }
        return Array(bytes).withUnsafeBytes { consume($0) }
    }

    /// Feeds the next bytes of the stream from raw memory.
    mutating func consume(_ bytes: UnsafeRawBufferPointer) -> Bool {
        let count = bytes.count
        var index = 0
        while index < count {
            if remaining == 0 {
                // Protocol text is mostly ASCII: skip eight bytes at a time while no
                // byte has its high bit set.
                while index + 8 <= count,
                      bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                    index += 8
                }
                guard index < count else { return true }
                let lead = bytes[index]
                index += 1
                switch lead {
                case 0x00...0x7F: continue
                case 0xC2...0xDF: expect(1, from: 0x80, through: 0xBF)
                case 0xE0: expect(2, from: 0xA0, through: 0xBF)
                case 0xE1...0xEC, 0xEE...0xEF: expect(2, from: 0x80, through: 0xBF)
                case 0xED: expect(2, from: 0x80, through: 0x9F)
                case 0xF0: expect(3, from: 0x90, through: 0xBF)
                case 0xF1...0xF3: expect(3, from: 0x80, through: 0xBF)
                case 0xF4: expect(3, from: 0x80, through: 0x8F)
                // A stray continuation byte, an overlong two-byte lead, or a lead
                // for a scalar beyond U+10FFFF.
                default: return false
                }
            } else {
                let byte = bytes[index]
                index += 1
                guard byte >= lower && byte <= upper else { return false }
                remaining -= 1
                lower = 0x80
                upper = 0xBF
            }
        }
        return true
    }

    private mutating func expect(_ continuationBytes: Int, from lower: UInt8, through upper: UInt8) {
        remaining = continuationBytes
        self.lower = lower
        self.upper = upper
    }
}
