/// Why a security primitive could not do its work: libcrypto failed, the system
/// random generator was unavailable, or an input broke a hard limit.
public enum SecurityError: Error, Equatable, Sendable, CustomStringConvertible {
    /// `RAND_bytes` could not produce the requested bytes; there is deliberately no
    /// weaker fallback.
    case randomUnavailable(detail: String)
    /// A libcrypto call failed; `operation` names it, `detail` is OpenSSL's error text.
    case cryptoFailure(operation: String, detail: String)
    /// A password longer than `PasswordHasher.maximumPasswordBytes` was refused
    /// before any hashing, so a huge body cannot buy a long computation.
    case passwordTooLong(byteCount: Int)

    /// A message for logs; it never contains secret material.
    public var description: String {
        switch self {
        case .randomUnavailable(let detail):
            "secure random generator unavailable: \(detail)"
        case .cryptoFailure(let operation, let detail):
            "libcrypto \(operation) failed: \(detail)"
        case .passwordTooLong(let byteCount):
            "password is \(byteCount) bytes; at most \(PasswordHasher.maximumPasswordBytes) are accepted"
        }
    }
}
