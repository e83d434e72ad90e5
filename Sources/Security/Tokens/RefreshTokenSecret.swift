import Primitives

/// Refresh tokens: opaque random strings; the database keeps only their hash.
public enum RefreshTokenSecret {
    /// Random bytes in a token (256 bits).
    public static let byteCount = 32
    /// Length of a token's text: 32 bytes as unpadded base64url.
    public static let textLength = 43

    /// A new token: 32 random bytes as 43 base64url characters. Give it to the client
    /// once and store only `hash(_:)`.
    public static func generate() throws(SecurityError) -> String {
        Base64URL.encode(try SecureRandom.bytes(byteCount))
    }

    /// Whether `token` has the shape `generate()` produces; lets a handler refuse
    /// garbage without a database lookup.
    public static func isWellFormed(_ token: String) -> Bool {
        token.utf8.count == textLength && Base64URL.decode(token)?.count == byteCount
    }

    /// The value to store and look up: SHA-256 of the token's UTF-8 bytes, as 64 hex
    /// characters. A fast hash suffices because the token has 256 bits of entropy, so
    /// a stolen table cannot be reversed by guessing (see `APIKeySecret.hash`).
    public static func hash(_ token: String) -> String {
        SHA256Digest.hexHash(token)
    }
}
