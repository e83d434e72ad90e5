import Generated
import Server

/// Connects the transport to the generated router: turns an HTTP request into a route
/// request, serves Swagger UI's files, and records metrics.
public struct APIResponder: HTTPResponder {
    let router: APIRouter
    let swaggerUI: SwaggerUI
    let metrics: Metrics

    public init(router: APIRouter, swaggerUI: SwaggerUI, metrics: Metrics) {
        self.router = router
        self.swaggerUI = swaggerUI
        self.metrics = metrics
    }

    public func respond(to request: HTTPRequest, context: HTTPRequestContext) async -> HTTPResponse {
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
            requestID: context.requestID, principal: nil, remoteAddress: context.remoteAddress,
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
