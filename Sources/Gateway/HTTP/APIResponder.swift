import Generated
import Security
import Server
import APIRuntime

/// Connects the transport to the generated router: serves Swagger UI's files, then for an
/// API operation checks the client address, identifies the caller (within the address's
/// budget of failed credential checks), applies the rate limit of the operation's
/// `x-rate-class` (and for `/metrics` its own token and addresses), and lets the router
/// answer; records metrics and adds the security headers to every answer. An `x-runs-on:
/// loop` operation whose caller is known from memory is answered on the event loop
/// (`respondOnLoop`), everything else on the pool.
public struct APIResponder: HTTPResponder {
    let router: APIRouter
    let swaggerUI: SwaggerUI
    let metrics: Metrics
    let security: RequestSecurity
    /// The security headers of every answer (`RequestSecurity.responseHeaders`); the Swagger UI
    /// page's, with the policy that lets its scripts run; its files', which may be cached. Put
    /// together once, not per answer.
    /// Each is encoded once into the block every answer shares (`HTTPHeaderBlock`).
    private let headers: HTTPHeaderBlock
    private let docsHeaders: HTTPHeaderBlock
    private let assetHeaders: HTTPHeaderBlock

    /// `security` defaults to no checks and "everyone is anonymous" (protected operations answer 401).
    public init(router: APIRouter, swaggerUI: SwaggerUI, metrics: Metrics, security: RequestSecurity = RequestSecurity()) {
        self.router = router
        self.swaggerUI = swaggerUI
        self.metrics = metrics
        self.security = security
        let answers: [SecurityHeaders.Field] = security.responseHeaders
        let docsPolicy: SecurityHeaders.Field = ("Content-Security-Policy", swaggerUI.contentSecurityPolicy)
        let docs: [SecurityHeaders.Field] = answers.map { $0.name == docsPolicy.name ? docsPolicy : $0 }
        let assets: [SecurityHeaders.Field] = docs.map {
            $0.name == SecurityHeaders.noStore.name ? ("Cache-Control", "public, max-age=86400") : $0
        }
        headers = HTTPHeaderBlock(answers)
        docsHeaders = HTTPHeaderBlock(docs)
        assetHeaders = HTTPHeaderBlock(assets)
    }

    public func respond(to request: HTTPRequest, context: HTTPRequestContext) async -> HTTPResponse {
        await respond(to: request, requestID: context.requestID, remoteAddress: context.remoteAddress)
    }

    /// The work of `respond(to:context:)`, callable without a transport (benchmarks, tests).
    public func respond(to request: HTTPRequest, requestID: String, remoteAddress: String) async -> HTTPResponse {
        let started = ContinuousClock.now
        let path = String(request.head.path)
        if let asset = asset(request, path: path) { return asset }
        let (rendered, operation) = await answer(request, path: path, requestID: requestID, peer: remoteAddress)
        return finished(rendered, operation: operation, started: started)
    }

    /// An `x-runs-on: loop` operation answered on the event loop when nothing in its way has to
    /// wait (its caller known from memory), and Swagger UI's files; nil for everything else,
    /// which `respond` answers on the pool.
    public func respondOnLoop(to request: HTTPRequest, context: HTTPRequestContext) -> HTTPResponse? {
        let started = ContinuousClock.now
        let path = String(request.head.path)
        if let asset = asset(request, path: path) { return asset }
        guard case .operation(let operation, let parameters) = router.resolve(method: request.head.method, path: path),
              operation.runsOnLoop else { return nil }
        let requestID = context.requestID
        let client = security.clientAddress(of: request.head, peer: context.remoteAddress)
        let rendered: RenderedResponse
        if let refusal = screen(request.head, operation, client: client, requestID: requestID) {
            rendered = refusal
        } else {
            guard let authentication = security.authenticateImmediately(request.head) else { return nil }
            switch admit(request.head, operation, client: client, requestID: requestID, authentication: authentication) {
            case .answered(let answer):
                rendered = answer
            case .admitted(let handlerContext, let limitHeaders):
                guard var answer = router.answerOnLoop(operation, pathParameters: parameters, request: Self.route(request, path: path),
                                                       context: handlerContext) else { return nil }
                if answer.status != 429 { answer.headers += limitHeaders }
                rendered = answer
            }
        }
        return finished(rendered, operation: operation.id, started: started)
    }

    /// A Swagger UI file, from memory.
    private func asset(_ request: HTTPRequest, path: String) -> HTTPResponse? {
        guard request.head.method == "GET", let asset = swaggerUI.asset(forPath: path) else { return nil }
        return HTTPResponse(status: 200, headers: HTTPHeaders([("Content-Type", asset.contentType)], block: assetHeaders), body: asset.bytes)
    }

    /// The answer with its headers, counted in the metrics.
    private func finished(_ rendered: RenderedResponse, operation: OperationID?, started: ContinuousClock.Instant) -> HTTPResponse {
        let elapsed = ContinuousClock.now - started
        metrics.recordRequest(
            operation: operation?.rawValue ?? "unmatched", status: rendered.status,
            seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
        // Answers are never cached or framed; only the Swagger UI page may run scripts.
        var fields = HTTPHeaders(block: operation == .getDocs ? docsHeaders : headers)
        fields.reserveCapacity(1 + rendered.headers.count)
        if let contentType = rendered.contentType { fields.add(name: "Content-Type", value: contentType) }
        for header in rendered.headers { fields.add(name: header.name, value: header.value) }
        return HTTPResponse(status: rendered.status, headers: fields, body: rendered.body)
    }

    private static func route(_ request: HTTPRequest, path: String) -> RouteRequest {
        RouteRequest(method: request.head.method, path: path, query: request.head.query, body: request.body,
                     contentType: request.head.headers["Content-Type"])
    }

    private func answer(_ request: HTTPRequest, path: String, requestID: String, peer: String) async
        -> (RenderedResponse, OperationID?) {
        let (operation, parameters): (APIOperation, [String])
        switch router.resolve(method: request.head.method, path: path) {
        case .failure(let error):
            return (error.render(requestID: requestID), nil)
        case .operation(let resolved, let pathParameters):
            (operation, parameters) = (resolved, pathParameters)
        }
        let client = security.clientAddress(of: request.head, peer: peer)
        if let refusal = screen(request.head, operation, client: client, requestID: requestID) { return (refusal, operation.id) }
        let authentication = await security.authenticate(request.head)
        switch admit(request.head, operation, client: client, requestID: requestID, authentication: authentication) {
        case .answered(let rendered):
            return (rendered, operation.id)
        case .admitted(let context, let limitHeaders):
            var rendered = await router.answer(operation, pathParameters: parameters, request: Self.route(request, path: path), context: context)
            if rendered.status != 429 { rendered.headers += limitHeaders }
            return (rendered, operation.id)
        }
    }

    /// The checks before the caller is identified: the address allowlist, and an address past
    /// its failed credential checks presenting credentials to a protected operation.
    private func screen(_ head: HTTPRequestHead, _ operation: APIOperation, client: String, requestID: String) -> RenderedResponse? {
        // Probes, the spec and the docs (rate class `none`) stay reachable from anywhere.
        if operation.rateClass != "none" && !security.allowlist.allows(client) {
            return APIError(.ipNotAllowed, message: "Address \(client) is not allowed").render(requestID: requestID)
        }
        // A public operation ignores bad credentials; a protected one reports them, and counts
        // them against the client address. An address past its failures gets no credential checked.
        if operation.requiredLevel > .public, let failures = security.credentialFailures, RequestSecurity.presentsCredentials(head),
           let refusal = failures.refusal(for: client) {
            return refusal.render(requestID: requestID)
        }
        return nil
    }

    /// What follows the caller's identification: a refused credential answered (and counted),
    /// the rate limit of the operation's class, `/metrics`' own access rule; or the context
    /// the handler runs with and the rate-limit headers its answer carries.
    private enum Admission {
        case answered(RenderedResponse)
        case admitted(RequestContext, limitHeaders: [(name: String, value: String)])
    }

    private func admit(_ head: HTTPRequestHead, _ operation: APIOperation, client: String, requestID: String,
                       authentication: Authentication) -> Admission {
        let protected = operation.requiredLevel > .public
        var principal: Principal?
        switch authentication {
        case .anonymous:
            break
        case .principal(let identified):
            principal = identified
        case .refused(let error):
            if protected {
                let limited = security.credentialFailures?.recordFailure(from: client)
                return .answered((limited ?? error).render(requestID: requestID))
            }
        case .unverifiable(let error):
            if protected { return .answered(error.render(requestID: requestID)) }
        }
        var limitHeaders: [(name: String, value: String)] = []
        if let limiter = limiter(for: operation.rateClass) {
            let key = principal.map { "user:" + $0.userID } ?? "ip:" + client
            let decision = limiter.take(key, now: RateLimiter.monotonicSeconds())
            guard decision.allowed else {
                let error = APIError(.rateLimited, message: "Too many requests; retry in \(decision.retryAfterSeconds ?? 1) s",
                                     headers: decision.headerFields)
                return .answered(error.render(requestID: requestID))
            }
            limitHeaders = decision.headerFields
        }
        // After the limiter, so guessing the metrics token costs requests like anything else.
        if operation.id == .getMetrics, var refusal = security.metricsAccess.refusal(of: head, client: client) {
            refusal.headers += limitHeaders
            return .answered(refusal.render(requestID: requestID))
        }
        let context = RequestContext(requestID: requestID, principal: principal, remoteAddress: client,
                                     headers: RequestHeaders(head.headers.map { ($0.name, $0.value) }))
        return .admitted(context, limitHeaders: limitHeaders)
    }

    private func limiter(for rateClass: String) -> RateLimiter? {
        switch rateClass {
        case "standard": return security.restLimiter
        case "auth": return security.authLimiter
        default: return nil
        }
    }
}
