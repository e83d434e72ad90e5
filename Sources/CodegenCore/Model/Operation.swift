/// An HTTP operation.
public struct Operation: Sendable, Equatable {
    public var id: String
    /// Upper-case HTTP method.
    public var method: String
    /// The path template, e.g. `/api/v1/orders/{id}`.
    public var path: String
    public var tag: String
    public var summary: String?
    public var description: String?
    public var requiredRole: RequiredRole
    public var rateClass: String
    public var errorCodes: [String]
    public var parameters: [Parameter]
    public var requestBody: RequestBody?
    public var responses: [Response]
    /// What the operation does to the caller's session (`x-session`), if anything.
    public var session: SessionRole? = nil
    /// `x-runs-on: loop`: the handler never blocks (it reads memory only), so it answers on the
    /// event loop that read the request, synchronously; `pool` (the default) runs it on the
    /// cooperative pool, for handlers that wait on the database or a computation.
    public var runsOnLoop: Bool = false
    /// `x-cache: snapshot` (loop operations only): a successful answer depends on nothing but
    /// the request's path and query and the engine's published snapshot, so the server may
    /// answer the same request again from the bytes it rendered for the same snapshot.
    public var cachedPerSnapshot: Bool = false
}
