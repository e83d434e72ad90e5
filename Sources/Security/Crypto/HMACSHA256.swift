import COpenSSL

/// HMAC-SHA256 (RFC 2104) through libcrypto's one-shot `HMAC()`.
public enum HMACSHA256 {
    /// Length of an authentication code in bytes.
    public static let byteCount = 32

    /// The 32-byte HMAC-SHA256 of `message` under `key` (any key length).
    public static func authenticationCode(for message: [UInt8], key: [UInt8]) -> [UInt8] {
        var code = [UInt8](repeating: 0, count: byteCount)
        var length: UInt32 = 0
        // A non-null placeholder: libcrypto refuses a null key pointer even with length 0.
        let keyBytes = key.isEmpty ? [0] : key
        let result = keyBytes.withUnsafeBytes { keyBuffer in
            message.withUnsafeBytes { messageBuffer in
                HMAC(EVP_sha256(), keyBuffer.baseAddress, Int32(key.count),
                     messageBuffer.bindMemory(to: UInt8.self).baseAddress, messageBuffer.count, &code, &length)
            }
        }
        // As with SHA-256, HMAC fails only when an allocation fails; see SHA256Digest.
        precondition(result != nil && length == UInt32(byteCount), "HMAC(SHA-256) failed: \(OpenSSLErrorQueue.drain())")
        return code
    }
}
