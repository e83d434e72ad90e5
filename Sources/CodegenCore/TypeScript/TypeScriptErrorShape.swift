/// What the client knows of the error body: the `ErrorCode` type and the type of `details`.
struct TypeScriptErrorShape {
    /// `ErrorCode | (string & {})` (editors offer the known codes; a code the server adds later
    /// still fits), or `string` when the spec has no `ErrorCode`.
    let codeType: String
    /// `ErrorCode`, which `ApiError.hasCode` takes so that a misspelt code does not compile;
    /// nil when the spec has none.
    let knownCodeType: String?
    /// The type of `details`, `unknown` when the error schema has none.
    let detailsType: String
    let detailsIsArray: Bool
    let referencedTypes: [String]

    init(context: TypeScriptContext) {
        var referenced: [String] = []
        if context.model.schema(named: "ErrorCode") != nil {
            let name = context.typeName(of: "ErrorCode")
            codeType = "\(name) | (string & {})"
            knownCodeType = name
            referenced.append(name)
        } else {
            codeType = "string"
            knownCodeType = nil
        }
        let errorSchema = context.model.operations.lazy.flatMap(\.responses).first(where: \.isError)?.schema
            ?? Schema(.named("ErrorResponse"))
        if let details = context.objectDefinition(of: errorSchema)?.properties.first(where: { $0.name == "details" }) {
            var schema = details.schema
            schema.nullable = false
            detailsType = context.expression(schema)
            detailsIsArray = { if case .array = schema.type { return true } else { return false } }()
            referenced += context.referencedTypes(schema)
        } else {
            detailsType = "unknown"
            detailsIsArray = false
        }
        referencedTypes = referenced
    }
}
