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
