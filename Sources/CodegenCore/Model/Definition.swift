/// The translated model of the schemas in a spec. Every object, enumeration and union
/// has a name (inline ones are hoisted and named after where they stand), so emitters
/// only meet named definitions and simple inline types.

/// What a named definition is.
public enum Definition: Sendable, Equatable {
    case object(ObjectDefinition)
    /// A string enumeration, values in spec order.
    case enumeration([String])
    case union(UnionDefinition)
    /// Another name for an inline type (`Decimal: {type: string, format: decimal}`).
    case alias(Schema)
}
