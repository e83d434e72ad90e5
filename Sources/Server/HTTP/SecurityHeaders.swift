/// The response headers that keep browsers from sniffing, framing, caching or leaking the
/// server's answers. One definition for every layer that writes answers: the transport's own
/// (errors, CORS preflights, refused upgrades; `ServerConfiguration.securityHeaders`) and the
/// API responder's.
public enum SecurityHeaders {
    /// One header field.
    public typealias Field = (name: String, value: String)

    /// Every answer: no MIME sniffing, no framing, no referrer.
    public static let common: [Field] = [
        ("X-Content-Type-Options", "nosniff"), ("X-Frame-Options", "DENY"), ("Referrer-Policy", "no-referrer"),
    ]
    /// Answers that must never be stored (API data, credentials, refusals).
    public static let noStore: Field = ("Cache-Control", "no-store")
    /// A page that may load nothing and be framed by nobody: what an answer that is data, not
    /// a page, gets.
    public static let noContentPolicy: Field = ("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'")
    /// API answers and everything the transport writes itself: never stored, and no active
    /// content even if a browser renders one.
    public static let api: [Field] = common + [noStore, noContentPolicy]
    /// Added when the server speaks TLS: browsers keep to HTTPS for a year.
    public static let strictTransportSecurity: Field = ("Strict-Transport-Security", "max-age=31536000")
}
