/// Answers HTTP requests. `respond` runs on Swift's concurrency pool, off the event loops: a
/// responder may await anything there, and blocking work belongs on a pool of its own.
/// `respondOnLoop` is tried first, on the event loop that read the request: a responder
/// answers there what it can answer from memory without waiting, and returns nil for the rest.
public protocol HTTPResponder: Sendable {
    /// The response to one request.
    func respond(to request: HTTPRequest, context: HTTPRequestContext) async -> HTTPResponse

    /// The response to one request when it can be made at once without blocking, or nil to
    /// have `respond` answer it on the pool. Called on an event loop: it must never wait.
    func respondOnLoop(to request: HTTPRequest, context: HTTPRequestContext) -> HTTPResponse?
}

extension HTTPResponder {
    /// Nothing is answered on the loop.
    public func respondOnLoop(to request: HTTPRequest, context: HTTPRequestContext) -> HTTPResponse? { nil }
}
