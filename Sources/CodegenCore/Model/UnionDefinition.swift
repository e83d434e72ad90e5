/// `oneOf` over named object definitions, optionally with a discriminator.
public struct UnionDefinition: Sendable, Equatable {
    /// The variants' definition names, in spec order.
    public var variants: [String]
    /// The discriminating property and the values naming each variant, in variant order.
    public var discriminator: Discriminator?

    public init(variants: [String], discriminator: Discriminator?) {
        self.variants = variants
        self.discriminator = discriminator
    }
}
