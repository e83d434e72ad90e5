/// One property of an object definition.
public struct Property: Sendable, Equatable {
    /// The JSON name.
    public var name: String
    public var schema: Schema
    public var required: Bool

    public init(name: String, schema: Schema, required: Bool) {
        self.name = name
        self.schema = schema
        self.required = required
    }
}
