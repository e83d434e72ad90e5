/// What every generated TypeScript file needs to know about the model: the TypeScript name
/// of each schema and operation, and how a schema is spelled as a type.
struct TypeScriptContext {
    let model: OpenAPIModel
    /// The operations as the client sees them, in spec order.
    private(set) var operations: [TypeScriptOperation] = []
    /// Spec name of a schema → its TypeScript name.
    private var typeNames: [String: String] = [:]
    /// Every name exported by some generated file so far.
    private(set) var exportedNames: Set<String> = []

    /// The names the socket file claims itself (`claim`), when the spec has a channel endpoint.
    private static let claimedBySocketFile: Set<String> = ["Channel", "TradingSocket", "TradingSocketOptions"]

    /// The names the client and socket files declare whatever the spec, which schemas may not
    /// take: the one list of them (`ReservedSchemaNames.clientDeclarations`, which the model
    /// also refuses), less those the socket file claims as it names its classes.
    static let runtimeExports = ReservedSchemaNames.clientDeclarations.subtracting(claimedBySocketFile)

    init(model: OpenAPIModel) {
        self.model = model
        exportedNames = Self.runtimeExports
        for schema in model.schemas {
            var base = TypeScriptSyntax.isIdentifier(schema.name) ? schema.name : Naming.pascalCase(schema.name)
            if base.isEmpty || base.first!.isNumber { base = "Schema" + base }
            if TypeScriptSyntax.reservedTypeNames.contains(base) { base += "Schema" }
            typeNames[schema.name] = claim(base)
        }
        var methodNames: Set<String> = TypeScriptOperation.clientMemberNames
        for operation in model.operations {
            var method = Naming.camelCase(operation.id)
            if method.isEmpty || method.first!.isNumber { method = "operation" + Naming.pascalCase(method) }
            if methodNames.contains(method) { method += "Operation" }
            method = Naming.unique(method, in: methodNames)
            methodNames.insert(method)
            let parameters = operation.parameters.filter { !TypeScriptOperation.isCredentialHeader($0) }
            let paramsName = parameters.isEmpty ? nil : claim(Naming.pascalCase(operation.id) + "Params")
            operations.append(TypeScriptOperation(
                operation: operation, methodName: method, paramsTypeName: paramsName, parameters: parameters,
                context: self))
        }
    }

    /// Reserves an exported name: `base`, or `base` with a number when it is taken.
    mutating func claim(_ base: String) -> String {
        let name = Naming.unique(base, in: exportedNames)
        exportedNames.insert(name)
        return name
    }

    // MARK: Schemas

    /// The TypeScript name of the schema named `name` in the spec.
    func typeName(of name: String) -> String {
        typeNames[name] ?? Naming.pascalCase(name)
    }

    /// The definition named `name`, if the model has it.
    func definition(named name: String) -> Definition? {
        model.schema(named: name)?.definition
    }

    /// The object definition behind `schema`, following aliases.
    func objectDefinition(of schema: Schema) -> ObjectDefinition? {
        if case .object(let object)? = namedDefinition(of: schema) { return object }
        return nil
    }

    /// The definition `schema` names, following aliases to the last one.
    func namedDefinition(of schema: Schema) -> Definition? {
        var current = schema
        for _ in 0..<32 {
            guard case .named(let name) = current.type, let definition = definition(named: name) else { return nil }
            guard case .alias(let target) = definition else { return definition }
            guard case .named = target.type else { return definition }
            current = target
        }
        return nil
    }

    /// The TypeScript type of `schema`: `string`, `Order[]`, `(Order | null)[]`, `Record<string, Kline[]>`.
    func expression(_ schema: Schema) -> String {
        var base: String
        switch schema.type {
        case .named(let name):
            base = typeName(of: name)
        case .string:
            base = schema.constraints.constant.map(TypeScriptSyntax.stringLiteral) ?? "string"
        case .integer, .number:
            if let constant = schema.constraints.constant, Double(constant) != nil { base = constant } else { base = "number" }
        case .boolean:
            if let constant = schema.constraints.constant, constant == "true" || constant == "false" { base = constant } else { base = "boolean" }
        case .array(let item):
            let element = expression(item)
            base = Self.isCompound(element) ? "(\(element))[]" : "\(element)[]"
        case .map(let value):
            base = "Record<string, \(expression(value))>"
        case .anyObject:
            base = "Record<string, unknown>"
        case .any:
            return "unknown"
        }
        return schema.nullable ? base + " | null" : base
    }

    /// The TypeScript names of the declarations `schema` refers to, in order of appearance.
    func referencedTypes(_ schema: Schema) -> [String] {
        switch schema.type {
        case .named(let name): return [typeName(of: name)]
        case .array(let item), .map(let item): return referencedTypes(item)
        default: return []
        }
    }

    /// True when `expression` is a union or intersection at its top level, so that it needs
    /// parentheses before `[]`.
    static func isCompound(_ expression: String) -> Bool {
        var depth = 0
        var quote: Character?
        var escaped = false
        for character in expression {
            if let open = quote {
                if escaped { escaped = false } else if character == "\\" { escaped = true } else if character == open { quote = nil }
                continue
            }
            switch character {
            case "\"", "'", "`": quote = character
            case "<", "(", "[", "{": depth += 1
            case ">", ")", "]", "}": depth -= 1
            case "|", "&": if depth == 0 { return true }
            default: break
            }
        }
        return false
    }

    /// How a value of `schema` is turned into text for a URL.
    func valueKind(of schema: Schema) -> TypeScriptValueKind {
        switch schema.type {
        case .string: return .string
        case .integer, .number, .boolean: return .scalar
        case .array(let item): return .array(element: valueKind(of: item))
        case .map, .anyObject: return .structured
        case .any: return .unknown
        case .named:
            switch namedDefinition(of: schema) {
            case .enumeration?: return .string
            case .alias(let target)?: return valueKind(of: target)
            case .object?, .union?: return .structured
            case nil: return .unknown
            }
        }
    }

    /// A note on the wire format of `schema` for its documentation (`ISO 8601 date-time`).
    func formatNote(_ schema: Schema) -> String? {
        switch schema.type {
        case .string(let format):
            switch format {
            case .plain: return nil
            case .dateTime: return "ISO 8601 date-time"
            case .date: return "ISO 8601 date (YYYY-MM-DD)"
            case .uuid: return "UUID"
            case .decimal: return "exact decimal as string"
            case .other(let name): return "format: \(name)"
            }
        case .array(let item): return formatNote(item).map { "items: " + $0 }
        case .map(let value): return formatNote(value).map { "values: " + $0 }
        default: return nil
        }
    }

    /// The documentation of a value: its description, format note and default.
    func documentation(_ schema: Schema, description: String? = nil) -> String? {
        var lines: [String] = []
        if let text = description ?? schema.description, !text.isEmpty { lines.append(text) }
        if let note = formatNote(schema) { lines.append(note) }
        if let value = schema.defaultValue { lines.append("@default \(value.jsonText)") }
        return lines.isEmpty ? nil : lines.joined(separator: "\n")
    }
}
