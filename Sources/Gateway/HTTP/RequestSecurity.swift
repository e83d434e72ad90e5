import Generated
import Security
import Server
import APIRuntime
import Accounts
import Handlers

/// The checks every API request passes before its handler: the address allowlist,
/// authentication with its limit on failures, the rate limits of its `x-rate-class`, and
/// who may read `/metrics`.
public struct RequestSecurity: Sendable {
    /// Identifies the caller (default: everyone is anonymous, so protected operations answer 401).
    public var authenticate: Authenticator
    /// Identifies the caller from memory on the event loop, or nil to leave it to `authenticate`
    /// (default: anonymous without credentials, nil with them).
    public var authenticateImmediately: ImmediateAuthenticator
    /// The `standard` class: one bucket per principal, or per client address when anonymous.
    public var restLimiter: RateLimiter?
    /// The `auth` class (login, refresh): one bucket per client address.
    public var authLimiter: RateLimiter?
    /// Failed credential checks per client address (nil: unlimited).
    public var credentialFailures: CredentialFailureLimit?
    /// Client addresses allowed to use the API (empty: all).
    public var allowlist: IPAllowlist
    /// Proxies whose `X-Forwarded-For` is believed.
    public var trustedProxies: [CIDR]
    /// Adds `Strict-Transport-Security` (the server speaks TLS).
    public var strictTransportSecurity: Bool
    /// The token and addresses `/metrics` asks for (default: none, open to all).
    public var metricsAccess: MetricsAccess

    public init(authenticate: @escaping Authenticator = { _ in .anonymous },
                authenticateImmediately: @escaping ImmediateAuthenticator = { head in presentsCredentials(head) ? nil : .anonymous },
                restLimiter: RateLimiter? = nil,
                authLimiter: RateLimiter? = nil, credentialFailures: CredentialFailureLimit? = nil,
                allowlist: IPAllowlist = IPAllowlist([]), trustedProxies: [CIDR] = [], strictTransportSecurity: Bool = false,
                metricsAccess: MetricsAccess = MetricsAccess()) {
        self.authenticate = authenticate
        self.authenticateImmediately = authenticateImmediately
        self.restLimiter = restLimiter
        self.authLimiter = authLimiter
        self.credentialFailures = credentialFailures
        self.allowlist = allowlist
        self.trustedProxies = trustedProxies
        self.strictTransportSecurity = strictTransportSecurity
        self.metricsAccess = metricsAccess
    }

    /// The security headers of every answer: `SecurityHeaders.api`, with HSTS when the server
    /// speaks TLS. The transport's own answers carry the same (`ServerConfiguration.securityHeaders`).
    public var responseHeaders: [SecurityHeaders.Field] {
        SecurityHeaders.api + (strictTransportSecurity ? [SecurityHeaders.strictTransportSecurity] : [])
    }

    /// The client's address: the peer, or what trusted proxies forwarded.
    public func clientAddress(of head: HTTPRequestHead, peer: String) -> String {
        Self.clientAddress(of: head, peer: peer, trustedProxies: trustedProxies)
    }

    /// The client's address for REST and WebSocket upgrades alike. Every `X-Forwarded-For`
    /// line counts, joined in order: a proxy that appends its own line instead of merging
    /// must not let a client-written first line decide who the client is.
    public static func clientAddress(of head: HTTPRequestHead, peer: String, trustedProxies: [CIDR]) -> String {
        // Without trusted proxies the peer is the client: the transport already gives its
        // address in canonical form, so it is not parsed again on every request.
        guard !trustedProxies.isEmpty else { return peer }
        let forwarded = head.headers.values("X-Forwarded-For")
        return ClientAddress.resolve(
            peer: peer, forwardedFor: forwarded.isEmpty ? nil : forwarded.joined(separator: ","), trustedProxies: trustedProxies)
    }

    /// Whether the request presents credentials in the headers `tokens(_:)` reads
    /// (`Authorization` or `X-API-Key`).
    public static func presentsCredentials(_ head: HTTPRequestHead) -> Bool {
        head.headers["Authorization"] != nil || head.headers["X-API-Key"] != nil
    }

    /// An authenticator over the auth service: `Authorization: Bearer <access token>` or
    /// `X-API-Key: <key>`.
    public static func tokens(_ auth: AuthService) -> Authenticator {
        { head in
            let identity: Identity
            do throws(AuthError) {
                if let authorization = head.headers["Authorization"] {
                    guard let token = bearerToken(authorization) else {
                        return .refused(APIError(.invalidToken, message: "Invalid token: use Authorization: Bearer <token>"))
                    }
                    identity = try await auth.authenticate(accessToken: token)
                } else if let key = head.headers["X-API-Key"] {
                    identity = try await auth.authenticate(apiKey: key.trimmingSpaces)
                } else {
                    return .anonymous
                }
            } catch {
                switch error {
                case .storage, .crypto: return .unverifiable(APIError(error))
                default: return .refused(APIError(error))
                }
            }
            return .principal(principal(identity))
        }
    }

    /// `tokens(_:)` from memory: a bearer token the identity cache holds, or no credentials at
    /// all; nil for anything that needs a check of the database (an uncached token, an API key,
    /// whose use is recorded) or a refusal's bookkeeping (a malformed header: `tokens` refuses it).
    public static func cachedTokens(_ auth: AuthService) -> ImmediateAuthenticator {
        { head in
            guard let authorization = head.headers["Authorization"] else {
                return head.headers["X-API-Key"] == nil ? .anonymous : nil
            }
            guard let token = bearerToken(authorization), let identity = auth.cachedIdentity(accessToken: token) else { return nil }
            return .principal(principal(identity))
        }
    }

    /// The token of an `Authorization: Bearer <token>` value (scheme in any case); nil for
    /// any other form.
    private static func bearerToken(_ authorization: String) -> String? {
        let parts = authorization.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        return String(parts[1]).trimmingSpaces
    }

    /// The router's view of an identity (a role it does not know counts as viewer).
    public static func principal(_ identity: Identity) -> Principal {
        Principal(identity, level: AccessLevel(roleName: identity.role) ?? .viewer)
    }
}

extension String {
    var trimmingSpaces: String {
        var text = Substring(self)
        while text.first == " " || text.first == "\t" { text.removeFirst() }
        while text.last == " " || text.last == "\t" { text.removeLast() }
        return String(text)
    }
}
