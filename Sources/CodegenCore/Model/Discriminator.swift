/// The translated model of the schemas in a spec. Every object, enumeration and union
/// has a name (inline ones are hoisted and named after where they stand), so emitters
/// only meet named definitions and simple inline types.

/// How a union tells its variants apart.
public struct Discriminator: Sendable, Equatable {
    public var propertyName: String
    /// Discriminator value → variant definition name, in variant order.
    public var mapping: [(value: String, variant: String)]

    public init(propertyName: String, mapping: [(value: String, variant: String)]) {
        self.propertyName = propertyName
        self.mapping = mapping
    }

    public static func == (lhs: Discriminator, rhs: Discriminator) -> Bool {
        lhs.propertyName == rhs.propertyName && lhs.mapping.elementsEqual(rhs.mapping, by: { $0 == $1 })
    }
}
