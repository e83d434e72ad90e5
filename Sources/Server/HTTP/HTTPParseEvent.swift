/// What the parser found in the bytes received so far.
public enum HTTPParseEvent: Sendable, Equatable {
    /// The head of a request with `Expect: 100-continue` is complete and its body has not fully arrived: the server should send `HTTP/1.1 100 Continue` (once) before the client sends the body.
    case expectContinue(HTTPRequestHead)
    /// A complete request. When it asks for a protocol upgrade that the server accepts, the server
    /// must call `takeRemainingBytes()` before `next()`: what follows is no longer HTTP.
    case request(HTTPRequest)
}
