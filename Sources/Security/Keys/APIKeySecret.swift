import Primitives

/// API keys of the form `tsk_<8-char prefix>_<43-char secret>`.
///
/// The prefix uses only [A-Za-z0-9] and has a fixed length, so splitting on `_` is
/// unambiguous even though the secret (base64url) may itself contain `_`.
public enum APIKeySecret {
    /// The fixed start of every key, which makes leaked keys easy to scan for.
    public static let marker = "tsk_"
    /// Characters in the listing prefix (62^8, about 48 bits: unique enough to tell keys apart).
    public static let prefixLength = 8
    /// Characters in the secret part: 32 random bytes as unpadded base64url.
    public static let secretLength = 43
    /// Length of a whole key: marker, prefix, `_`, secret.
    public static let keyLength = marker.utf8.count + prefixLength + 1 + secretLength

    private static let prefixAlphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".utf8)

    /// A new key with its prefix and storage hash.
    public static func generate() throws(SecurityError) -> GeneratedAPIKey {
        let prefix = try randomPrefix()
        let secret = Base64URL.encode(try SecureRandom.bytes(32))
        let key = marker + prefix + "_" + secret
        return GeneratedAPIKey(key: key, prefix: prefix, hash: hash(key))
    }

    /// The prefix of `key`, or nil when `key` does not have the shape `generate()`
    /// produces (wrong marker, lengths, characters or separator).
    public static func parse(_ key: String) -> String? {
        let bytes = Array(key.utf8)
        guard bytes.count == keyLength, bytes.starts(with: marker.utf8) else { return nil }
        let separator = marker.utf8.count + prefixLength
        let prefix = bytes[marker.utf8.count..<separator]
        guard prefix.allSatisfy({ prefixAlphabet.contains($0) }), bytes[separator] == UInt8(ascii: "_"),
              Base64URL.decode(bytes[(separator + 1)...])?.count == 32
        else { return nil }
        return String(decoding: prefix, as: UTF8.self)
    }

    /// The value to store and look up: SHA-256 of the whole key's UTF-8 bytes, as 64
    /// hex characters. Unlike passwords, keys carry 256 random bits, so a slow,
    /// salted hash would add nothing against guessing a leaked table, while a fast
    /// unsalted one lets each request find its key with one indexed lookup.
    public static func hash(_ key: String) -> String {
        SHA256Digest.hexHash(key)
    }

    /// Whether `key` hashes to `storedHash`, compared in constant time.
    public static func matches(_ key: String, storedHash: String) -> Bool {
        ConstantTime.equals(hash(key), storedHash)
    }

    /// Eight characters drawn uniformly from [A-Za-z0-9]: bytes of 248 and above are
    /// skipped so that the modulo does not favour the first characters.
    private static func randomPrefix() throws(SecurityError) -> String {
        var characters: [UInt8] = []
        while characters.count < prefixLength {
            for byte in try SecureRandom.bytes(prefixLength * 2) where byte < 248 && characters.count < prefixLength {
                characters.append(prefixAlphabet[Int(byte) % prefixAlphabet.count])
            }
        }
        return String(decoding: characters, as: UTF8.self)
    }
}
