/// The translated model of the schemas in a spec. Every object, enumeration and union
/// has a name (inline ones are hoisted and named after where they stand), so emitters
/// only meet named definitions and simple inline types.

/// A value's schema: its type, nullability, constraints and documentation.
public struct Schema: Sendable, Equatable {
    public var type: SchemaType
    /// `type: [T, "null"]`.
    public var nullable: Bool
    public var constraints: Constraints
    public var defaultValue: JSONLiteral?
    public var description: String?
    public var example: JSONLiteral?

    public init(
        _ type: SchemaType, nullable: Bool = false, constraints: Constraints = Constraints(),
        defaultValue: JSONLiteral? = nil, description: String? = nil, example: JSONLiteral? = nil
    ) {
        self.type = type
        self.nullable = nullable
        self.constraints = constraints
        self.defaultValue = defaultValue
        self.description = description
        self.example = example
    }
}
