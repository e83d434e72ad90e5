/// A definition with its name and documentation.
public struct NamedSchema: Sendable, Equatable {
    /// The spec name (components key, or the hoisted name of an inline schema).
    public var name: String
    public var definition: Definition
    public var description: String?
    public var example: JSONLiteral?
    /// Extra `x-` keys of the schema, for emitters that understand them.
    public var extensions: [String: JSONLiteral]

    public init(
        name: String, definition: Definition, description: String? = nil, example: JSONLiteral? = nil,
        extensions: [String: JSONLiteral] = [:]
    ) {
        self.name = name
        self.definition = definition
        self.description = description
        self.example = example
        self.extensions = extensions
    }
}
