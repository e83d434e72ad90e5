import Generated
import Security
import Server
import APIRuntime

/// Connects the transport to the generated router: serves Swagger UI's files, then for an
/// API operation checks the client address, identifies the caller (within the address's
/// budget of failed credential checks), applies the rate limit of the operation's
/// `x-rate-class` (and for `/metrics` its own token and addresses), and lets the router
/// answer; records metrics and adds the security headers to every answer.
public struct APIResponder: HTTPResponder {
    let router: APIRouter
    let swaggerUI: SwaggerUI
    let metrics: Metrics
    let security: RequestSecurity
    /// The security headers of every answer (`RequestSecurity.responseHeaders`); the Swagger UI
    /// page's, with the policy that lets its scripts run; its files', which may be cached. Put
    /// together once, not per answer.
    private let headers: [SecurityHeaders.Field]
    private let docsHeaders: [SecurityHeaders.Field]
    private let assetHeaders: [SecurityHeaders.Field]

    /// `security` defaults to no checks and "everyone is anonymous" (protected operations answer 401).
    public init(router: APIRouter, swaggerUI: SwaggerUI, metrics: Metrics, security: RequestSecurity = RequestSecurity()) {
        self.router = router
        self.swaggerUI = swaggerUI
        self.metrics = metrics
        self.security = security
        headers = security.responseHeaders
        let docsPolicy = ("Content-Security-Policy", swaggerUI.contentSecurityPolicy)
        docsHeaders = headers.map { $0.name == docsPolicy.0 ? docsPolicy : $0 }
        assetHeaders = docsHeaders.map { $0.name == SecurityHeaders.noStore.name ? ("Cache-Control", "public, max-age=86400") : $0 }
    }

    public func respond(to request: HTTPRequest, context: HTTPRequestContext) async -> HTTPResponse {
        await respond(to: request, requestID: context.requestID, remoteAddress: context.remoteAddress)
    }

    /// The work of `respond(to:context:)`, callable without a transport (benchmarks, tests).
    public func respond(to request: HTTPRequest, requestID: String, remoteAddress: String) async -> HTTPResponse {
        let started = ContinuousClock.now
        let path = String(request.head.path)
        if request.head.method == "GET", let asset = swaggerUI.asset(forPath: path) {
            return HTTPResponse(status: 200, headers: HTTPHeaders([("Content-Type", asset.contentType)] + assetHeaders), body: asset.bytes)
        }
        let (rendered, operation) = await answer(request, path: path, requestID: requestID, peer: remoteAddress)
        let elapsed = ContinuousClock.now - started
        metrics.recordRequest(
            operation: operation?.rawValue ?? "unmatched", status: rendered.status,
            seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
        var fields = HTTPHeaders()
        if let contentType = rendered.contentType { fields.add(name: "Content-Type", value: contentType) }
        for header in rendered.headers { fields.add(name: header.name, value: header.value) }
        // Answers are never cached or framed; only the Swagger UI page may run scripts.
        for header in operation == .getDocs ? docsHeaders : headers { fields.add(name: header.name, value: header.value) }
        return HTTPResponse(status: rendered.status, headers: fields, body: rendered.body)
    }

    private func answer(_ request: HTTPRequest, path: String, requestID: String, peer: String) async
        -> (RenderedResponse, OperationID?) {
        let route = RouteRequest(
            method: request.head.method, path: path, query: request.head.query, body: request.body,
            contentType: request.head.headers["Content-Type"])
        let (operation, parameters): (APIOperation, [String])
        switch router.resolve(method: route.method, path: path) {
        case .failure(let error):
            return (error.render(requestID: requestID), nil)
        case .operation(let resolved, let pathParameters):
            (operation, parameters) = (resolved, pathParameters)
        }
        let client = security.clientAddress(of: request.head, peer: peer)
        // Probes, the spec and the docs (rate class `none`) stay reachable from anywhere.
        let guarded = operation.rateClass != "none"
        if guarded && !security.allowlist.allows(client) {
            return (APIError(.ipNotAllowed, message: "Address \(client) is not allowed").render(requestID: requestID), operation.id)
        }
        // A public operation ignores bad credentials; a protected one reports them, and counts
        // them against the client address. An address past its failures gets no credential checked.
        let protected = operation.requiredLevel > .public
        if protected, let failures = security.credentialFailures, RequestSecurity.presentsCredentials(request.head),
           let refusal = failures.refusal(for: client) {
            return (refusal.render(requestID: requestID), operation.id)
        }
        var principal: Principal?
        switch await security.authenticate(request.head) {
        case .anonymous:
            break
        case .principal(let identified):
            principal = identified
        case .refused(let error):
            guard protected else { break }
            let limited = security.credentialFailures?.recordFailure(from: client)
            return ((limited ?? error).render(requestID: requestID), operation.id)
        case .unverifiable(let error):
            if protected { return (error.render(requestID: requestID), operation.id) }
        }
        var limitHeaders: [(name: String, value: String)] = []
        if let limiter = limiter(for: operation.rateClass) {
            let key = principal.map { "user:" + $0.userID } ?? "ip:" + client
            let decision = limiter.take(key, now: RateLimiter.monotonicSeconds())
            guard decision.allowed else {
                let error = APIError(.rateLimited, message: "Too many requests; retry in \(decision.retryAfterSeconds ?? 1) s",
                                     headers: decision.headerFields)
                return (error.render(requestID: requestID), operation.id)
            }
            limitHeaders = decision.headerFields
        }
        // After the limiter, so guessing the metrics token costs requests like anything else.
        if operation.id == .getMetrics, var refusal = security.metricsAccess.refusal(of: request.head, client: client) {
            refusal.headers += limitHeaders
            return (refusal.render(requestID: requestID), operation.id)
        }
        let context = RequestContext(requestID: requestID, principal: principal, remoteAddress: client,
                                     headers: RequestHeaders(request.head.headers.map { ($0.name, $0.value) }))
        var rendered = await router.answer(operation, pathParameters: parameters, request: route, context: context)
        if rendered.status != 429 { rendered.headers += limitHeaders }
        return (rendered, operation.id)
    }

    private func limiter(for rateClass: String) -> RateLimiter? {
        switch rateClass {
        case "standard": return security.restLimiter
        case "auth": return security.authLimiter
        default: return nil
        }
    }
}
