/// Why an access token was refused. Each case maps to one API error code (`code`).
public enum JWTError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The token is not three canonical base64url segments, is over the size limit,
    /// its header or payload is not the JSON expected, a claim has the wrong type, or
    /// the header carries `crit` (extensions this server does not implement).
    case malformed(reason: String)
    /// The header names an algorithm other than HS256 (`alg` missing or not a string
    /// included); the text says what was found.
    case unsupportedAlgorithm(String)
    /// The HMAC does not match: wrong key, or header or payload edited.
    case badSignature
    /// `exp` is at or before now.
    case expired(expiredAt: Int)
    /// `iat` lies more than `JWTSigner.allowedClockSkewSeconds` in the future: a token
    /// this server could not have issued yet (clock trouble or a forged issue time).
    case issuedInFuture(issuedAt: Int)
    /// `nbf` lies after now (RFC 7519 §4.1.5): the token is not valid yet.
    case notYetValid(notBefore: Int)

    /// The API error code: `TOKEN_EXPIRED` for `.expired`, `INVALID_TOKEN` otherwise.
    public var code: String {
        switch self {
        case .expired: "TOKEN_EXPIRED"
        case .malformed, .unsupportedAlgorithm, .badSignature, .issuedInFuture, .notYetValid: "INVALID_TOKEN"
        }
    }

    /// A message safe to return to the client.
    public var description: String {
        switch self {
        case .malformed(let reason): "malformed token: \(reason)"
        case .unsupportedAlgorithm(let found): "unsupported token algorithm: \(found)"
        case .badSignature: "token signature does not match"
        case .expired: "token has expired"
        case .issuedInFuture: "token issue time lies in the future"
        case .notYetValid(let notBefore): "token is not valid before \(notBefore) (nbf, epoch seconds)"
        }
    }
}
