/// Validation keywords that apply to a value.
public struct Constraints: Sendable, Equatable {
    public var minLength: Int?
    public var maxLength: Int?
    public var pattern: String?
    public var minimum: Double?
    public var maximum: Double?
    public var exclusiveMinimum: Double?
    public var exclusiveMaximum: Double?
    public var multipleOf: Double?
    public var minItems: Int?
    public var maxItems: Int?
    public var uniqueItems: Bool = false
    public var minProperties: Int?
    public var maxProperties: Int?
    /// `const` on a string value.
    public var constant: String?

    public init() {}

    /// True when no keyword is set.
    public var isEmpty: Bool { self == Constraints() }
}
