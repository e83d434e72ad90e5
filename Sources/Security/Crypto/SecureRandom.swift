import COpenSSL

/// Cryptographically secure random bytes from libcrypto's `RAND_bytes`.
public enum SecureRandom {
    /// `count` random bytes. Throws when the generator cannot serve them (for example
    /// not yet seeded); there is deliberately no fallback to a weaker source.
    public static func bytes(_ count: Int) throws(SecurityError) -> [UInt8] {
        guard count >= 0, count <= Int(Int32.max) else {
            throw .randomUnavailable(detail: "cannot request \(count) bytes")
        }
        var bytes = [UInt8](repeating: 0, count: count)
        guard count > 0 else { return bytes }
        guard RAND_bytes(&bytes, Int32(count)) == 1 else {
            throw .randomUnavailable(detail: OpenSSLErrorQueue.drain())
        }
        return bytes
    }
}
