/// What a named definition is.
public enum Definition: Sendable, Equatable {
    case object(ObjectDefinition)
    /// A string enumeration, values in spec order.
    case enumeration([String])
    case union(UnionDefinition)
    /// Another name for an inline type (`Decimal: {type: string, format: decimal}`).
    case alias(Schema)
}
