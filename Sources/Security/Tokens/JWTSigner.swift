import Primitives

/// Signs and verifies HS256 JSON Web Tokens (RFC 7519) for access tokens.
///
/// Verification order matters: size, shape and header first (cheap, public data),
/// then the HMAC in constant time, and only then is the payload decoded and parsed,
/// so no attacker-chosen claim is interpreted before the signature is known good.
public struct JWTSigner: Sendable {
    /// Longest token accepted, in bytes; longer ones are refused before any decoding.
    public static let maximumTokenBytes = 8 * 1024
    /// How far in the future `iat` may lie (clock skew between instances), in seconds.
    public static let allowedClockSkewSeconds = 60
    /// The only header this signer writes.
    static let headerJSON = #"{"alg":"HS256","typ":"JWT"}"#
    private static let encodedHeader = Base64URL.encode(Array(headerJSON.utf8))

    private let secret: [UInt8]

    /// A signer keyed with `secret` (use `JWTSecret.resolve`, which guarantees at least 32 bytes).
    public init(secret: [UInt8]) {
        self.secret = secret
    }

    /// The compact token `header.payload.signature` for `claims`, with the header
    /// `{"alg":"HS256","typ":"JWT"}`.
    public func sign(_ claims: JWTClaims) -> String {
        let signingInput = Self.encodedHeader + "." + Base64URL.encode(claims.jsonBytes)
        let signature = HMACSHA256.authenticationCode(for: Array(signingInput.utf8), key: secret)
        return signingInput + "." + Base64URL.encode(signature)
    }

    /// The claims of `token` if it is well formed, signed with this signer's secret,
    /// not expired (`exp > now`), valid already (`nbf <= now` when it has `nbf`; like `exp`,
    /// without leeway) and not issued more than `allowedClockSkewSeconds` after `now`
    /// (seconds since the Unix epoch).
    public func verify(_ token: String, now: Int) throws(JWTError) -> JWTClaims {
        let payload = try verifiedPayload(of: token)
        let claims = try JWTClaims(payload: try Self.parseJSON(payload, part: "payload"))
        guard claims.iat <= now + Self.allowedClockSkewSeconds else { throw .issuedInFuture(issuedAt: claims.iat) }
        guard claims.exp > now else { throw .expired(expiredAt: claims.exp) }
        if let notBefore = claims.nbf, notBefore > now { throw .notYetValid(notBefore: notBefore) }
        return claims
    }

    /// The decoded payload bytes of `token` once its shape, header and signature have
    /// been checked; the payload's content is not looked at.
    func verifiedPayload(of token: String) throws(JWTError) -> [UInt8] {
        let bytes = Array(token.utf8)
        guard bytes.count <= Self.maximumTokenBytes else {
            throw .malformed(reason: "token is \(bytes.count) bytes; at most \(Self.maximumTokenBytes) are accepted")
        }
        let segments = bytes.split(separator: UInt8(ascii: "."), maxSplits: 3, omittingEmptySubsequences: false)
        guard segments.count == 3 else { throw .malformed(reason: "expected 3 dot-separated segments") }
        guard let header = Base64URL.decode(segments[0]) else { throw .malformed(reason: "header is not base64url") }
        try Self.checkHeader(try Self.parseJSON(header, part: "header"))
        guard let signature = Base64URL.decode(segments[2]) else { throw .malformed(reason: "signature is not base64url") }
        let signingInput = Array(bytes[..<segments[1].endIndex])
        let expected = HMACSHA256.authenticationCode(for: signingInput, key: secret)
        guard ConstantTime.equals(expected, signature) else { throw .badSignature }
        guard let payload = Base64URL.decode(segments[1]) else { throw .malformed(reason: "payload is not base64url") }
        return payload
    }

    private static func parseJSON(_ bytes: [UInt8], part: String) throws(JWTError) -> JSONValue {
        do throws(JSONSyntaxError) {
            return try JSONParser.parse(bytes, options: .strict)
        } catch {
            throw .malformed(reason: "\(part) is not valid JSON (\(error.reason) at byte \(error.offset))")
        }
    }

    private static func checkHeader(_ header: JSONValue) throws(JWTError) {
        guard case .object = header else { throw .malformed(reason: "header is not a JSON object") }
        guard let algorithm = header["alg"] else { throw .unsupportedAlgorithm("alg missing") }
        guard case .string(let name) = algorithm else { throw .unsupportedAlgorithm("alg is not a string") }
        // Exact, case-sensitive match (RFC 7515 §4.1.1): "hs256" and "none" are refused.
        guard name == "HS256" else { throw .unsupportedAlgorithm(String(name.prefix(32))) }
        // RFC 7515 §4.1.11: a recipient must refuse critical extensions it does not
        // understand, and this verifier understands none.
        guard header["crit"] == nil else { throw .malformed(reason: "crit header parameter is not supported") }
        if let type = header["typ"] {
            guard case .string(let typeName) = type, typeName.uppercased() == "JWT" else {
                throw .malformed(reason: "typ must be JWT")
            }
        }
    }
}
