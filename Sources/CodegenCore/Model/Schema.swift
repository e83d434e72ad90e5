/// The translated model of the schemas in a spec. Every object, enumeration and union
/// has a name (inline ones are hoisted and named after where they stand), so emitters
/// only meet named definitions and simple inline types.

/// The string formats the emitters treat specially.
public enum StringFormat: Sendable, Equatable {
    case plain
    case dateTime
    case date
    case uuid
    /// An exact decimal number carried as a string ("65432.10").
    case decimal
    case other(String)

    init(_ name: String?) {
        switch name {
        case nil: self = .plain
        case "date-time": self = .dateTime
        case "date": self = .date
        case "uuid": self = .uuid
        case "decimal": self = .decimal
        case let other?: self = .other(other)
        }
    }
}

/// The shape of a value, with named definitions referenced by name.
public indirect enum SchemaType: Sendable, Equatable {
    /// A named definition in `OpenAPIModel.schemas`.
    case named(String)
    case string(StringFormat)
    /// An integer; `int64` when the spec says so (or when unspecified, as JSON numbers may be large).
    case integer(bits: Int)
    case number
    case boolean
    case array(Schema)
    /// An object whose keys are free and whose values all have one schema.
    case map(Schema)
    /// Any JSON object (`type: object` with `additionalProperties: true` and no properties).
    case anyObject
    /// Any JSON value.
    case any
}

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

/// One property of an object definition.
public struct Property: Sendable, Equatable {
    /// The JSON name.
    public var name: String
    public var schema: Schema
    public var required: Bool

    public init(name: String, schema: Schema, required: Bool) {
        self.name = name
        self.schema = schema
        self.required = required
    }
}

/// An object with known properties, in spec order.
public struct ObjectDefinition: Sendable, Equatable {
    public var properties: [Property]
    /// `additionalProperties: false`: unknown keys are a validation error.
    public var closed: Bool
    /// `minProperties` and `maxProperties`: how many members the object may have.
    public var minProperties: Int?
    public var maxProperties: Int?

    public init(properties: [Property], closed: Bool, minProperties: Int? = nil, maxProperties: Int? = nil) {
        self.properties = properties
        self.closed = closed
        self.minProperties = minProperties
        self.maxProperties = maxProperties
    }
}

/// `oneOf` over named object definitions, optionally with a discriminator.
public struct UnionDefinition: Sendable, Equatable {
    /// The variants' definition names, in spec order.
    public var variants: [String]
    /// The discriminating property and the value naming each variant, in variant order.
    public var discriminator: Discriminator?

    public init(variants: [String], discriminator: Discriminator?) {
        self.variants = variants
        self.discriminator = discriminator
    }
}

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

/// What a named definition is.
public enum Definition: Sendable, Equatable {
    case object(ObjectDefinition)
    /// A string enumeration, values in spec order.
    case enumeration([String])
    case union(UnionDefinition)
    /// Another name for an inline type (`Decimal: {type: string, format: decimal}`).
    case alias(Schema)
}

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
