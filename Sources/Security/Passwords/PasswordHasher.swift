import Primitives

/// Hashes and verifies user passwords with PBKDF2-HMAC-SHA256 and a random salt.
///
/// Stored form: `pbkdf2-sha256$<iterations>$<salt base64url>$<hash base64url>`, so
/// each row records its own cost and `needsRehash` can upgrade old rows at login.
public struct PasswordHasher: Sendable {
    /// The scheme name that starts every stored hash.
    public static let scheme = "pbkdf2-sha256"
    /// Iterations used unless a test asks for fewer (OWASP's 2023 figure for PBKDF2-HMAC-SHA256).
    public static let defaultIterations = 210_000
    /// Iteration counts accepted from a stored hash or an initializer. The upper bound
    /// keeps a crafted row from stalling a server thread for minutes.
    public static let acceptedIterations: ClosedRange<Int> = 1_000...10_000_000
    /// Longest password accepted, in UTF-8 bytes; longer ones are refused unhashed.
    public static let maximumPasswordBytes = 1_024
    /// Length of the random salt in bytes.
    public static let saltByteCount = 16
    /// Length of the derived key in bytes.
    public static let keyByteCount = 32

    /// Iterations this hasher uses for new hashes.
    public let iterations: Int

    /// A hasher with `iterations` rounds for new hashes; production code uses the
    /// default. Precondition: `iterations` lies in `acceptedIterations`.
    public init(iterations: Int = PasswordHasher.defaultIterations) {
        precondition(Self.acceptedIterations.contains(iterations), "PBKDF2 iterations \(iterations) outside \(Self.acceptedIterations)")
        self.iterations = iterations
    }

    /// A new stored hash of `password` under a fresh random salt.
    public func hash(_ password: String) throws(SecurityError) -> String {
        let passwordBytes = Array(password.utf8)
        guard passwordBytes.count <= Self.maximumPasswordBytes else {
            throw .passwordTooLong(byteCount: passwordBytes.count)
        }
        let salt = try SecureRandom.bytes(Self.saltByteCount)
        let key = try PBKDF2.deriveKey(password: passwordBytes, salt: salt, iterations: iterations, keyLength: Self.keyByteCount)
        return "\(Self.scheme)$\(iterations)$\(Base64URL.encode(salt))$\(Base64URL.encode(key))"
    }

    /// Whether `password` matches `stored`. False, without hashing, for a password over
    /// the size limit or a stored value that is malformed or has an iteration count
    /// outside `acceptedIterations`. The final comparison runs in constant time.
    public func verify(_ password: String, against stored: String) -> Bool {
        let passwordBytes = Array(password.utf8)
        guard passwordBytes.count <= Self.maximumPasswordBytes, let parsed = StoredHash(stored) else { return false }
        guard let key = try? PBKDF2.deriveKey(password: passwordBytes, salt: parsed.salt, iterations: parsed.iterations,
                                              keyLength: parsed.key.count)
        else { return false }
        return ConstantTime.equals(key, parsed.key)
    }

    /// Whether `stored` should be replaced by a fresh hash after a successful login:
    /// it uses fewer iterations than this hasher, or it cannot be parsed at all.
    public func needsRehash(_ stored: String) -> Bool {
        guard let parsed = StoredHash(stored) else { return true }
        return parsed.iterations < iterations
    }

    /// Spends the time of one verification at this hasher's cost and discards the
    /// result. Login calls it when the username is unknown, so the response time does
    /// not reveal which usernames exist.
    public func equalizeTimingForUnknownUser(_ password: String) {
        let passwordBytes = Array(password.utf8.prefix(Self.maximumPasswordBytes))
        let salt = [UInt8](repeating: 0, count: Self.saltByteCount)
        _ = try? PBKDF2.deriveKey(password: passwordBytes, salt: salt, iterations: iterations, keyLength: Self.keyByteCount)
    }
}

/// The parts of a stored hash, present only when every part is well formed.
private struct StoredHash {
    let iterations: Int
    let salt: [UInt8]
    let key: [UInt8]

    init?(_ stored: String) {
        // Generous bound: a well-formed value is about 80 characters.
        guard stored.utf8.count <= 256 else { return nil }
        let parts = stored.utf8.split(separator: UInt8(ascii: "$"), omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0].elementsEqual(PasswordHasher.scheme.utf8) else { return nil }
        let digits = parts[1]
        // Plain decimal only: no sign, no leading zero, at most 8 digits (above the cap).
        guard !digits.isEmpty, digits.count <= 8, digits.first != UInt8(ascii: "0"),
              digits.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) })
        else { return nil }
        let iterations = digits.reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
        guard PasswordHasher.acceptedIterations.contains(iterations),
              let salt = Base64URL.decode(parts[2]), (PasswordHasher.saltByteCount...64).contains(salt.count),
              let key = Base64URL.decode(parts[3]), key.count == PasswordHasher.keyByteCount
        else { return nil }
        self.iterations = iterations
        self.salt = salt
        self.key = key
    }
}
