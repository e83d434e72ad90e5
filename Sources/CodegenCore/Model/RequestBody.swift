/// A request body.
public struct RequestBody: Sendable, Equatable {
    public var required: Bool
    public var contentType: String
    public var schema: Schema
}
