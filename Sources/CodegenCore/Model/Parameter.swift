/// A path, query or header parameter.
public struct Parameter: Sendable, Equatable {
    public var name: String
    public var location: ParameterLocation
    public var required: Bool
    public var schema: Schema
    /// `explode: false` on an array query parameter: one comma-separated value.
    public var commaSeparated: Bool
    public var description: String?
}
