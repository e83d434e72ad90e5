/// Identifiers and type spellings for emitted Swift.
struct SwiftNames {
    /// The spec being emitted.
    let model: OpenAPIModel
    /// The case names of the `ErrorCode` enumeration, which the operation table and the
    /// error-code metadata both spell.
    let errorCodeCases: EnumCases
    private let definitions: [String: NamedSchema]

    /// Indexes the named schemas of `model`.
    init(model: OpenAPIModel) {
        self.model = model
        errorCodeCases = EnumCases(model.errorCodes.map(\.code))
        var definitions: [String: NamedSchema] = [:]
        for schema in model.schemas { definitions[schema.name] = schema }
        self.definitions = definitions
    }

    /// Words an identifier must be back-quoted to use.
    static let keywords: Set<String> = [
        "associatedtype", "class", "deinit", "enum", "extension", "fileprivate", "func", "import", "init", "inout",
        "internal", "let", "operator", "private", "precedencegroup", "protocol", "public", "rethrows",
        "static", "struct", "subscript", "typealias", "var", "break", "case", "catch", "continue", "default",
        "defer", "do", "else", "fallthrough", "for", "guard", "if", "in", "repeat", "return", "throw", "switch",
        "where", "while", "Any", "as", "await", "false", "is", "nil", "self", "Self", "super", "throws", "true",
        "try", "Type", "Protocol",
    ]

    /// Type names that would shadow a standard library or Foundation type, or a type of the
    /// runtime (`APIRuntime`, `Primitives`), for code that imports them.
    static let reservedTypeNames: Set<String> = [
        "Array", "Bool", "Calendar", "Character", "Data", "Date", "Decimal", "Dictionary", "Double", "Error", "Float",
        "Int", "Locale", "Notification", "Operation", "Optional", "Result", "Set", "String", "Timer", "URL", "UUID",
        "JSONValue", "JSONMap", "JSONWriter", "Pattern", "Check", "Principal", "RequestContext", "RouteRequest",
        "RenderedResponse", "APIError", "APIOperation", "APIRouter", "FieldIssue", "APIFailure", "APIErrorCode",
        "AccessLevel", "RequestHeaders", "JSONMember", "JSONParser", "JSONSyntaxError", "ExactDecimal", "Timestamp",
        "CalendarDay", "StringEnum", "BodyReader", "RouteTable", "QueryParameters",
    ]

    /// A property, case or method name.
    static func identifier(_ name: String) -> String {
        var result = Naming.camelCase(name)
        if result.isEmpty { result = "value" }
        if let first = result.first, first.isNumber { result = "_" + result }
        return keywords.contains(result) ? "`\(result)`" : result
    }

    /// The Swift type name of a definition.
    static func typeName(_ name: String) -> String {
        var result = Naming.pascalCase(name)
        if let first = result.first, first.isNumber { result = "_" + result }
        return reservedTypeNames.contains(result) ? result + "Schema" : result
    }

    /// The definition behind a name.
    func definition(_ name: String) -> NamedSchema? { definitions[name] }

    /// Follows aliases: the schema a value really has, with the alias's constraints merged in.
    func resolved(_ schema: Schema) -> Schema {
        var current = schema
        var seen: Set<String> = []
        while case .named(let name) = current.type, case .alias(let target)? = definitions[name]?.definition,
              seen.insert(name).inserted {
            var next = target
            next.nullable = next.nullable || current.nullable
            next.constraints = merge(outer: current.constraints, inner: target.constraints)
            next.defaultValue = current.defaultValue ?? target.defaultValue
            next.description = current.description ?? target.description
            current = next
        }
        return current
    }

    private func merge(outer: Constraints, inner: Constraints) -> Constraints {
        var result = inner
        result.minLength = outer.minLength ?? inner.minLength
        result.maxLength = outer.maxLength ?? inner.maxLength
        result.pattern = outer.pattern ?? inner.pattern
        result.minimum = outer.minimum ?? inner.minimum
        result.maximum = outer.maximum ?? inner.maximum
        result.exclusiveMinimum = outer.exclusiveMinimum ?? inner.exclusiveMinimum
        result.exclusiveMaximum = outer.exclusiveMaximum ?? inner.exclusiveMaximum
        result.multipleOf = outer.multipleOf ?? inner.multipleOf
        result.minItems = outer.minItems ?? inner.minItems
        result.maxItems = outer.maxItems ?? inner.maxItems
        result.uniqueItems = outer.uniqueItems || inner.uniqueItems
        result.minProperties = outer.minProperties ?? inner.minProperties
        result.maxProperties = outer.maxProperties ?? inner.maxProperties
        result.constant = outer.constant ?? inner.constant
        return result
    }

    /// The Swift spelling of a value's type, without optionality.
    func type(of schema: Schema) -> String {
        let schema = resolved(schema)
        switch schema.type {
        case .named(let name): return Self.typeName(name)
        case .string: return "String"
        case .integer: return "Int"
        case .number: return "Double"
        case .boolean: return "Bool"
        case .array(let items):
            let element = type(of: items)
            return resolved(items).nullable ? "[\(element)?]" : "[\(element)]"
        case .map(let values): return "JSONMap<\(type(of: values))>"
        case .anyObject, .any: return "JSONValue"
        }
    }

    /// A Swift literal for a default value, when the type has one.
    func literal(_ value: JSONLiteral, for schema: Schema) -> String? {
        let schema = resolved(schema)
        switch (schema.type, value) {
        case (.string, .string(let text)): return SwiftLiteral.string(text)
        case (.integer, .int(let number)): return String(number)
        case (.number, .int(let number)): return String(number) + ".0"
        case (.number, .double(let number)): return String(number)
        case (.boolean, .bool(let flag)): return flag ? "true" : "false"
        case (.array, .array(let items)) where items.isEmpty: return "[]"
        case (.named(let name), .string(let text)):
            if case .enumeration(let values)? = definitions[name]?.definition, values.contains(text) {
                return "." + EnumCases(values).name(of: text)
            }
            return nil
        default: return nil
        }
    }
}
