/// The RFC 6455 §5.3 payload mask: every byte XORed with the 4-byte key, cycling.
///
/// Every client frame is masked, so this runs over every byte a client sends; it
/// works a 64-bit word at a time (the key repeated twice) and copies while it
/// unmasks, so a 1 MiB payload costs one pass and one allocation.
enum WebSocketMask {
    /// Returns `source` XORed with `key`, starting at key byte 0.
    static func apply(key: (UInt8, UInt8, UInt8, UInt8), to source: UnsafeRawBufferPointer) -> [UInt8] {
        let count = source.count
        // The key laid out in memory order twice, so XOR with one word masks eight
        // bytes whatever the machine's endianness; 8 is a multiple of 4, so the key
        // phase is the same at the start of every word.
        var keyWord: UInt64 = 0
        withUnsafeMutableBytes(of: &keyWord) { word in
            word[0] = key.0; word[1] = key.1; word[2] = key.2; word[3] = key.3
            word[4] = key.0; word[5] = key.1; word[6] = key.2; word[7] = key.3
        }
        return [UInt8](unsafeUninitializedCapacity: count) { destination, initializedCount in
            let output = UnsafeMutableRawBufferPointer(destination)
            var index = 0
            while index + 8 <= count {
                let word = source.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                output.storeBytes(of: word ^ keyWord, toByteOffset: index, as: UInt64.self)
                index += 8
            }
            withUnsafeBytes(of: keyWord) { keyBytes in
                while index < count {
                    output[index] = source[index] ^ keyBytes[index & 3]
                    index += 1
                }
            }
            initializedCount = count
        }
    }

    /// Masks any collection of bytes; used by the client-side encoder.
    static func apply(key: (UInt8, UInt8, UInt8, UInt8), to source: some Collection<UInt8>) -> [UInt8] {
        if let masked = source.withContiguousStorageIfAvailable({ apply(key: key, to: UnsafeRawBufferPointer($0)) }) {
            return masked
        }
        return Array(source).withUnsafeBytes { apply(key: key, to: $0) }
    }
}
