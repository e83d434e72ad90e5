import Primitives

/// The claims of an access token: `{sub,username,role,iat,exp,jti}` (API.md), and `nbf` when
/// a token carries one (RFC 7519 §4.1.5; this server issues none).
public struct JWTClaims: Sendable, Equatable, Hashable {
    /// The user's id.
    public var sub: String
    /// The user's name at the time the token was issued.
    public var username: String
    /// The user's role name (`viewer`, `trader`, `admin`) at the time of issue.
    public var role: String
    /// Issued at, in whole seconds since the Unix epoch.
    public var iat: Int
    /// Expires at, in whole seconds since the Unix epoch; the token is refused from this second on.
    public var exp: Int
    /// A unique token id (random), for revocation lists and logs.
    public var jti: String
    /// Not before, in whole seconds since the Unix epoch: the token is refused until this second.
    public var nbf: Int?

    /// Claims with every field given.
    public init(sub: String, username: String, role: String, iat: Int, exp: Int, jti: String, nbf: Int? = nil) {
        self.sub = sub
        self.username = username
        self.role = role
        self.iat = iat
        self.exp = exp
        self.jti = jti
        self.nbf = nbf
    }

    /// Claims for a token issued at `now` that lives `lifetimeSeconds` (1800 for the
    /// API's access tokens), with a fresh random `jti` (16 random bytes, base64url).
    public static func issued(subject: String, username: String, role: String, now: Int,
                              lifetimeSeconds: Int) throws(SecurityError) -> JWTClaims {
        let jti = Base64URL.encode(try SecureRandom.bytes(16))
        return JWTClaims(sub: subject, username: username, role: role, iat: now, exp: now + lifetimeSeconds, jti: jti)
    }

    /// Compact JSON with the members in a fixed order.
    var jsonBytes: [UInt8] {
        var writer = JSONWriter()
        writer.beginObject()
        writer.key("sub"); writer.string(sub)
        writer.key("username"); writer.string(username)
        writer.key("role"); writer.string(role)
        writer.key("iat"); writer.int(iat)
        writer.key("exp"); writer.int(exp)
        writer.key("jti"); writer.string(jti)
        if let nbf { writer.key("nbf"); writer.int(nbf) }
        writer.endObject()
        return writer.bytes
    }

    /// Reads the claims from a parsed payload. Every claim must be present with its
    /// JSON type: strings for sub/username/role/jti, integers (no fraction, no
    /// exponent, not quoted) for iat/exp, and for nbf when present (a `null` nbf is not
    /// absent: it is refused). Other members are ignored.
    init(payload: JSONValue) throws(JWTError) {
        guard case .object = payload else { throw .malformed(reason: "payload is not a JSON object") }
        func string(_ name: String) throws(JWTError) -> String {
            guard case .string(let value)? = payload[name] else { throw .malformed(reason: "claim \(name) missing or not a string") }
            return value
        }
        func integer(_ name: String) throws(JWTError) -> Int {
            guard let value = payload[name]?.integer else { throw .malformed(reason: "claim \(name) missing or not an integer") }
            return value
        }
        self.init(sub: try string("sub"), username: try string("username"), role: try string("role"),
                  iat: try integer("iat"), exp: try integer("exp"), jti: try string("jti"),
                  nbf: payload["nbf"] == nil ? nil : try integer("nbf"))
    }
}
