import COpenSSL

/// PBKDF2 (RFC 8018) with HMAC-SHA256 as its pseudo-random function, through
/// libcrypto's `PKCS5_PBKDF2_HMAC`.
public enum PBKDF2 {
    /// Derives `keyLength` bytes from `password` and `salt` with `iterations` rounds.
    public static func deriveKey(password: [UInt8], salt: [UInt8], iterations: Int, keyLength: Int) throws(SecurityError) -> [UInt8] {
        guard iterations >= 1, iterations <= Int(Int32.max), keyLength >= 1, keyLength <= Int(Int32.max),
              password.count <= Int(Int32.max), salt.count <= Int(Int32.max)
        else {
            throw .cryptoFailure(operation: "PKCS5_PBKDF2_HMAC",
                                 detail: "iterations \(iterations) or key length \(keyLength) out of range")
        }
        var key = [UInt8](repeating: 0, count: keyLength)
        let status = password.withUnsafeBytes { passwordBuffer in
            salt.withUnsafeBytes { saltBuffer in
                PKCS5_PBKDF2_HMAC(passwordBuffer.bindMemory(to: CChar.self).baseAddress, Int32(password.count),
                                  saltBuffer.bindMemory(to: UInt8.self).baseAddress, Int32(salt.count),
                                  Int32(iterations), EVP_sha256(), Int32(keyLength), &key)
            }
        }
        guard status == 1 else {
            throw .cryptoFailure(operation: "PKCS5_PBKDF2_HMAC", detail: OpenSSLErrorQueue.drain())
        }
        return key
    }
}
