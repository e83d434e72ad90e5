/// Answers HTTP requests. Runs on Swift's concurrency pool, off the event loops: a responder
/// may await anything, and blocking work belongs on a pool of its own.
public protocol HTTPResponder: Sendable {
    /// The response to one request.
    func respond(to request: HTTPRequest, context: HTTPRequestContext) async -> HTTPResponse
}
