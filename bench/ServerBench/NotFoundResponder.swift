#if canImport(Glibc)
import Glibc
#endif
import Server
import Synchronization

/// Every path is a WebSocket path; HTTP requests get 404.
struct NotFoundResponder: HTTPResponder {
    func respond(to request: HTTPRequest, context: HTTPRequestContext) async -> HTTPResponse {
        HTTPResponse(status: 404, contentType: "text/plain", body: Array("not found\n".utf8))
    }
}
