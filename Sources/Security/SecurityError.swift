/// Why a security primitive refused its input (a token, a password hash, a key).
public enum SecurityError: Error, Equatable, Sendable {
    /// libcrypto reported a failure.
    case crypto(String)
}
