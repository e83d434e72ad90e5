/// An object with known properties, in spec order.
public struct ObjectDefinition: Sendable, Equatable {
    public var properties: [Property]
    /// `additionalProperties: false`: unknown keys are a validation error.
    public var closed: Bool
    /// `minProperties`: how many members the object must have at least.
    public var minProperties: Int?
    /// `maxProperties`: how many members the object may have at most.
    public var maxProperties: Int?

    public init(properties: [Property], closed: Bool, minProperties: Int? = nil, maxProperties: Int? = nil) {
        self.properties = properties
        self.closed = closed
        self.minProperties = minProperties
        self.maxProperties = maxProperties
    }
}
