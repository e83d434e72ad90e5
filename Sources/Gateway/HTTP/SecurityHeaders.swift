/// The response headers that keep browsers from sniffing, framing, caching or leaking the
/// server's answers: one definition for the REST responder and the WebSocket upgrade refusal.
enum SecurityHeaders {
    /// Every answer: no MIME sniffing, no framing, no referrer.
    static let common = [("X-Content-Type-Options", "nosniff"), ("X-Frame-Options", "DENY"), ("Referrer-Policy", "no-referrer")]
    /// Answers that must never be stored (API data, credentials, refusals).
    static let noStore = ("Cache-Control", "no-store")
    /// API answers: never cached, and no active content even if a browser renders one.
    static let api = common + [noStore, ("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'")]
    /// Added when the server speaks TLS: browsers keep to HTTPS for a year.
    static let strictTransportSecurity = ("Strict-Transport-Security", "max-age=31536000")
}
