import Glibc

/// Why the token signing secret could not be resolved.
public enum JWTSecretError: Error, Equatable, Sendable, CustomStringConvertible {
    /// `TRADING_JWT_SECRET` is set but shorter than `JWTSecret.minimumByteCount` bytes.
    case environmentSecretTooShort(byteCount: Int)
    /// A file-system call failed: which one, on which path, with which errno.
    case fileSystem(operation: String, path: String, errno: Int32)
    /// The secret file exists but does not hold at least 32 bytes as hex (perhaps a
    /// crash during its creation); deleting it lets the next start create a new one.
    case invalidSecretFile(path: String, reason: String)
    /// No random bytes for a new secret.
    case randomUnavailable(SecurityError)

    /// A message for the startup log; it never contains the secret.
    public var description: String {
        switch self {
        case .environmentSecretTooShort(let byteCount):
            "\(JWTSecret.environmentVariable) must be at least \(JWTSecret.minimumByteCount) bytes; it has \(byteCount)"
        case .fileSystem(let operation, let path, let code):
            "\(operation) \(path) failed: \(String(cString: strerror(code)))"
        case .invalidSecretFile(let path, let reason):
            "\(path) is not a valid JWT secret file (\(reason)); delete it to have a new secret created"
        case .randomUnavailable(let error):
            "cannot create a JWT secret: \(error)"
        }
    }
}
