/// How a union tells its variants apart.
public struct Discriminator: Sendable, Equatable {
    public var propertyName: String
    /// Discriminator value → variant definition name, in variant order. A variant may have
    /// several values (`Limit`, `StopLoss` and `TakeProfit` all naming a priced order).
    public var mapping: [(value: String, variant: String)]

    public init(propertyName: String, mapping: [(value: String, variant: String)]) {
        self.propertyName = propertyName
        self.mapping = mapping
    }

    /// The values naming `variant`, in spec order.
    public func values(of variant: String) -> [String] {
        mapping.filter { $0.variant == variant }.map(\.value)
    }

    /// True when every variant has exactly one value, so that a value can name its variant.
    public var isOneValuePerVariant: Bool {
        Set(mapping.map(\.variant)).count == mapping.count
    }

    public static func == (lhs: Discriminator, rhs: Discriminator) -> Bool {
        lhs.propertyName == rhs.propertyName && lhs.mapping.elementsEqual(rhs.mapping, by: { $0 == $1 })
    }
}
