import Server

/// Answers every HTTP request 404: for WebSocket tests, where HTTP requests are not the point.
struct NotFoundResponder: HTTPResponder {
    func respond(to request: HTTPRequest, context: HTTPRequestContext) async -> HTTPResponse {
        HTTPResponse(status: 404)
    }
}
