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
