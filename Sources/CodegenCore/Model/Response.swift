/// One documented response.
public struct Response: Sendable, Equatable {
    public var status: Int
    public var description: String
    /// nil for a response without a body.
    public var contentType: String?
    public var schema: Schema?
    /// True when the body is the shared error schema.
    public var isError: Bool
    public var headers: [String]
}
