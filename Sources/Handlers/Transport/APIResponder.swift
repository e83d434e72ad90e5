import Generated
import Server

/// Identifies the caller of a request (from its token or API key); nil for anonymous.
public typealias Authenticator = @Sendable (HTTPRequestHead) async -> Principal?

/// Connects the transport to the generated router: turns an HTTP request into a route
/// request, identifies the caller, serves Swagger UI's files, and records metrics.
public struct APIResponder: HTTPResponder {
    let router: APIRouter
    let swaggerUI: SwaggerUI
    let metrics: Metrics
    let authenticate: Authenticator

    /// `authenticate` defaults to "everyone is anonymous": protected operations answer 401.
    public init(router: APIRouter, swaggerUI: SwaggerUI, metrics: Metrics, authenticate: @escaping Authenticator = { _ in nil }) {
        self.router = router
        self.swaggerUI = swaggerUI
        self.metrics = metrics
        self.authenticate = authenticate
    }

    public func respond(to request: HTTPRequest, context: HTTPRequestContext) async -> HTTPResponse {
        await respond(to: request, requestID: context.requestID, remoteAddress: context.remoteAddress)
    }

    /// The work of `respond(to:context:)`, callable without a transport (benchmarks, tests).
    public func respond(to request: HTTPRequest, requestID: String, remoteAddress: String) async -> HTTPResponse {
        let started = ContinuousClock.now
        let path = String(request.head.path)
        if request.head.method == "GET", let asset = swaggerUI.asset(forPath: path) {
            return HTTPResponse(
                status: 200,
                headers: HTTPHeaders([("Content-Type", asset.contentType), ("Cache-Control", "public, max-age=86400")]),
                body: asset.bytes)
        }
        let route = RouteRequest(
            method: request.head.method, path: path, query: request.head.query, body: request.body,
            contentType: request.head.headers["Content-Type"])
        let requestContext = RequestContext(
            requestID: requestID, principal: await authenticate(request.head), remoteAddress: remoteAddress,
            headers: request.head.headers)
        let (rendered, operation) = await router.answer(route, context: requestContext)
        let elapsed = ContinuousClock.now - started
        metrics.recordRequest(
            operation: operation?.rawValue ?? "unmatched", status: rendered.status,
            seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
        var headers = HTTPHeaders()
        if let contentType = rendered.contentType { headers.add(name: "Content-Type", value: contentType) }
        for header in rendered.headers { headers.add(name: header.name, value: header.value) }
        return HTTPResponse(status: rendered.status, headers: headers, body: rendered.body)
    }
}
