import COpenSSL
import Primitives

/// SHA-256 through libcrypto's `EVP_Digest`.
public enum SHA256Digest {
    /// Length of a digest in bytes.
    public static let byteCount = 32

    /// The 32-byte SHA-256 digest of `bytes`.
    public static func hash(_ bytes: [UInt8]) -> [UInt8] {
        var digest = [UInt8](repeating: 0, count: byteCount)
        var length: UInt32 = 0
        let status = bytes.withUnsafeBytes { input in
            EVP_Digest(input.baseAddress, input.count, &digest, &length, EVP_sha256(), nil)
        }
        // EVP_Digest with the built-in SHA-256 fails only when an allocation fails,
        // the same condition under which Swift itself traps; no caller could recover.
        precondition(status == 1 && length == UInt32(byteCount), "EVP_Digest(SHA-256) failed: \(OpenSSLErrorQueue.drain())")
        return digest
    }

    /// The SHA-256 digest of the UTF-8 bytes of `text`.
    public static func hash(_ text: String) -> [UInt8] {
        hash(Array(text.utf8))
    }

    /// The digest of `bytes` as 64 lowercase hex characters.
    public static func hexHash(_ bytes: [UInt8]) -> String {
        Hex.encode(hash(bytes))
    }

    /// The digest of the UTF-8 bytes of `text` as 64 lowercase hex characters.
    public static func hexHash(_ text: String) -> String {
        Hex.encode(hash(text))
    }
}
