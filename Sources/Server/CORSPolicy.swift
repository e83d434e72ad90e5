/// Cross-origin resource sharing for browsers on other origins (a front-end dev server).
struct CORSPolicy {
    /// Allowed origins; `*` allows any. Empty: no CORS headers at all.
    let origins: [String]

    /// The value of `Access-Control-Allow-Origin` for a request's `Origin`, if allowed.
    func allowedOrigin(for origin: String?) -> String? {
        guard let origin, !origins.isEmpty else { return nil }
        if origins.contains("*") { return "*" }
        return origins.contains(origin) ? origin : nil
    }

    /// The 204 answer to a preflight (`OPTIONS` with `Origin` and
    /// `Access-Control-Request-Method`) from an allowed origin; nil for any other request.
    func preflightResponse(for head: HTTPRequestHead) -> HTTPResponse? {
        guard head.method == "OPTIONS", let method = head.headers["Access-Control-Request-Method"],
              let allowed = allowedOrigin(for: head.headers["Origin"]) else { return nil }
        var headers = HTTPHeaders([
            ("Access-Control-Allow-Origin", allowed),
            ("Access-Control-Allow-Methods", "GET, POST, PUT, PATCH, DELETE, OPTIONS, " + method),
            ("Access-Control-Allow-Headers", head.headers["Access-Control-Request-Headers"] ?? "Authorization, Content-Type, X-API-Key"),
            ("Access-Control-Max-Age", "600"),
        ])
        if allowed != "*" { headers.add(name: "Vary", value: "Origin") }
        return HTTPResponse(status: 204, headers: headers)
    }

    /// Headers added to an ordinary response for an allowed origin.
    func responseHeaders(for origin: String?) -> [(name: String, value: String)] {
        guard let allowed = allowedOrigin(for: origin) else { return [] }
        var headers = [
            (name: "Access-Control-Allow-Origin", value: allowed),
            (name: "Access-Control-Expose-Headers",
             value: "X-Request-Id, Retry-After, X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Reset"),
        ]
        if allowed != "*" { headers.append((name: "Vary", value: "Origin")) }
        return headers
    }
}
