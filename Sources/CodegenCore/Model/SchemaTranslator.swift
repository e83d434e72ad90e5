/// Translates JSON Schema nodes of the spec into `Schema` values, resolving local `$ref`s,
/// merging `allOf`, and hoisting every inline object, enumeration and union into a named
/// definition.
final class SchemaTranslator {
    private let document: YAMLNode
    /// The `components.schemas` entries, in spec order.
    let componentNodes: [(name: String, node: YAMLNode)]
    /// Every definition made so far, by name.
    private(set) var definitions: [String: NamedSchema] = [:]
    private var order: [String] = []
    private var reserved: Set<String>
    /// Components whose definition is being built (allOf and union cycle detection).
    var building: Set<String> = []
    /// Non-component references being followed (cycle detection).
    private var following: Set<String> = []
    /// The value sets of the enumerations of `components.schemas`, which an inline enum may
    /// not repeat.
    private let namedEnums: [(name: String, values: Set<String>)]

    static let schemaPrefix = "#/components/schemas/"

    init(document: YAMLNode) throws(SpecError) {
        self.document = document
        var nodes: [(name: String, node: YAMLNode)] = []
        if let schemas = document["components"]?["schemas"] {
            guard let pairs = schemas.mapping else {
                throw SpecError("components.schemas must be a mapping", at: schemas.location)
            }
            for pair in pairs {
                guard let name = pair.key.scalarText else {
                    throw SpecError("schema names must be scalars", at: pair.key.location)
                }
                nodes.append((name, pair.value))
            }
        }
        componentNodes = nodes
        reserved = Set(nodes.map(\.name))
        namedEnums = nodes.compactMap { component in
            guard component.node["$ref"] == nil, let values = component.node["enum"]?.sequence else { return nil }
            return (component.name, Set(values.filter { !$0.isNull }.compactMap(\.scalarText)))
        }
    }

    /// All definitions, components in spec order then hoisted ones in the order met.
    func translateComponents() throws(SpecError) -> [NamedSchema] {
        for (name, node) in componentNodes where definitions[name] == nil {
            try define(component: name, node: node)
        }
        try checkAliasCycles()
        return allDefinitions()
    }

    /// Every definition so far: components in spec order, then hoisted ones in the order met.
    func allDefinitions() -> [NamedSchema] {
        order.compactMap { definitions[$0] }
    }

    // MARK: Definitions

    /// Defines the component `name` unless it already is.
    func define(component name: String, node: YAMLNode) throws(SpecError) {
        guard definitions[name] == nil else { return }
        let schema = try translate(node, hint: name, definitionName: name)
        if case .named(let hoisted) = schema.type, hoisted == name { return }
        add(NamedSchema(
            name: name, definition: .alias(schema), description: schema.description, example: schema.example,
            extensions: extensions(of: node)))
    }

    private func add(_ definition: NamedSchema) {
        if definitions[definition.name] == nil { order.append(definition.name) }
        definitions[definition.name] = definition
    }

    private func uniqueName(_ hint: String) -> String {
        var base = Naming.pascalCase(hint)
        if ReservedSchemaNames.isReserved(base) { base += "Schema" }
        let name = Naming.unique(base, in: reserved)
        reserved.insert(name)
        return name
    }

    private func hoist(
        _ definition: Definition, node: YAMLNode, hint: String, definitionName: String?
    ) -> Schema {
        let name = definitionName ?? uniqueName(hint)
        add(NamedSchema(
            name: name, definition: definition, description: node["description"]?.string,
            example: node["example"].map(JSONLiteral.init), extensions: extensions(of: node)))
        var schema = Schema(.named(name), description: node["description"]?.string)
        schema.nullable = typeNames(of: node).contains("null")
        return schema
    }

    private func extensions(of node: YAMLNode) -> [String: JSONLiteral] {
        var result: [String: JSONLiteral] = [:]
        for pair in node.mapping ?? [] {
            if let key = pair.key.scalarText, key.hasPrefix("x-") { result[key] = JSONLiteral(pair.value) }
        }
        return result
    }

    // MARK: Translation

    /// Translates a schema node. `hint` names hoisted inline definitions; `definitionName`
    /// gives the exact name when the node is itself a component.
    func translate(_ node: YAMLNode, hint: String, definitionName: String? = nil) throws(SpecError) -> Schema {
        guard node.mapping != nil else {
            if node.bool == true { return Schema(.any) }
            throw SpecError("a schema must be a mapping", at: node.location)
        }
        if let ref = node["$ref"] {
            return try translateReference(ref, sibling: node)
        }
        if let parts = node["allOf"] {
            let object = try mergeAllOf(parts, outer: node, hint: hint)
            return hoist(.object(object), node: node, hint: hint, definitionName: definitionName)
        }
        if let variants = node["oneOf"] ?? node["anyOf"] {
            let union = try translateUnion(variants, node: node, hint: hint)
            return hoist(.union(union), node: node, hint: hint, definitionName: definitionName)
        }
        var types = typeNames(of: node)
        let nullable = types.contains("null")
        types.removeAll(where: { $0 == "null" })
        if types.count > 1 {
            throw SpecError("a type array may hold one type and \"null\", found \(types)", at: node.location)
        }
        var primary = types.first
        if primary == nil {
            if node["properties"] != nil || node["additionalProperties"] != nil { primary = "object" }
            else if node["items"] != nil { primary = "array" }
            else if node["enum"] != nil || node["const"] != nil { primary = "string" }
        }
        if let values = node["enum"] {
            guard primary == "string", let items = values.sequence, !items.isEmpty else {
                throw SpecError("only non-empty string enums are supported", at: values.location)
            }
            var cases: [String] = []
            for item in items {
                if item.isNull { continue }
                guard let text = item.scalarText else {
                    throw SpecError("enum values must be strings", at: item.location)
                }
                cases.append(text)
            }
            let isNullable = nullable || items.contains(where: \.isNull)
            if definitionName == nil, !isNullable, let named = namedEnums.first(where: { $0.values == Set(cases) }) {
                throw SpecError("this inline enum repeats the values of '\(named.name)'; use "
                                + "$ref: '\(Self.schemaPrefix)\(named.name)' (a default may stand next to the $ref)",
                                at: values.location)
            }
            var schema = hoist(.enumeration(cases), node: node, hint: hint, definitionName: definitionName)
            schema.nullable = isNullable
            schema.defaultValue = node["default"].map(JSONLiteral.init)
            return schema
        }
        var schema: Schema
        switch primary {
        case "string"?:
            schema = Schema(.string(StringFormat(node["format"]?.scalarText)))
        case "integer"?:
            schema = Schema(.integer(bits: node["format"]?.scalarText == "int32" ? 32 : 64))
        case "number"?:
            schema = Schema(.number)
        case "boolean"?:
            schema = Schema(.boolean)
        case "array"?:
            let items = node["items"]
            let itemSchema: Schema
            if let items, items.bool != false {
                itemSchema = try translate(items, hint: hint + "Item")
            } else {
                itemSchema = Schema(.any)
            }
            schema = Schema(.array(itemSchema))
        case "object"?:
            if let object = try translateObject(node, hint: hint) {
                return hoist(.object(object), node: node, hint: hint, definitionName: definitionName).with(nullable)
            }
            let additional = node["additionalProperties"]
            if let additional, additional.mapping != nil {
                schema = Schema(.map(try translate(additional, hint: hint + "Value")))
            } else if additional?.bool == false {
                return hoist(.object(ObjectDefinition(properties: [], closed: true)), node: node, hint: hint,
                             definitionName: definitionName).with(nullable)
            } else {
                schema = Schema(.anyObject)
            }
        case nil:
            schema = Schema(.any)
        case let other?:
            throw SpecError("unsupported type '\(other)'", at: (node["type"] ?? node).location)
        }
        schema.nullable = nullable
        schema.constraints = try constraints(of: node)
        schema.defaultValue = node["default"].map(JSONLiteral.init)
        schema.description = node["description"]?.string
        schema.example = (node["example"] ?? node["examples"]?.sequence?.first).map(JSONLiteral.init)
        return schema
    }

    private func typeNames(of node: YAMLNode) -> [String] {
        guard let type = node["type"] else { return [] }
        if let items = type.sequence { return items.compactMap(\.scalarText) }
        return type.scalarText.map { [$0] } ?? []
    }

    /// A `$ref`, with the `description` and `default` that OpenAPI 3.1 allows next to it.
    private func translateReference(_ ref: YAMLNode, sibling: YAMLNode) throws(SpecError) -> Schema {
        guard let target = ref.string else { throw SpecError("$ref must be a string", at: ref.location) }
        let defaultValue = sibling["default"].map(JSONLiteral.init)
        if target.hasPrefix(Self.schemaPrefix) {
            let name = String(target.dropFirst(Self.schemaPrefix.count))
            if !name.contains("/") {
                guard let component = componentNodes.first(where: { $0.name == name }) else {
                    throw SpecError("unresolved $ref '\(target)'", at: ref.location)
                }
                if let defaultNode = sibling["default"], let values = component.node["enum"]?.sequence,
                   !values.contains(where: { $0.scalarText == defaultNode.scalarText && $0.isNull == defaultNode.isNull }) {
                    throw SpecError("default '\(defaultNode.scalarText ?? "")' is not a value of '\(name)'",
                                    at: defaultNode.location)
                }
                return Schema(.named(name), defaultValue: defaultValue, description: sibling["description"]?.string)
            }
        }
        let resolved = try JSONPointer.resolve(target, in: document, at: ref.location)
        guard following.insert(target).inserted else {
            throw SpecError("$ref cycle through '\(target)'", at: ref.location)
        }
        defer { following.remove(target) }
        var schema = try translate(resolved, hint: Naming.pascalCase(target.split(separator: "/").last.map(String.init) ?? "Ref"))
        schema.defaultValue = defaultValue ?? schema.defaultValue
        return schema
    }

    /// The object's own properties. In an allOf part (`partOfAllOf`), `required` may name
    /// properties that other parts define; the merge checks those.
    private func translateObject(
        _ node: YAMLNode, hint: String, partOfAllOf: Bool = false
    ) throws(SpecError) -> ObjectDefinition? {
        guard let properties = node["properties"] else { return nil }
        guard let pairs = properties.mapping else {
            throw SpecError("properties must be a mapping", at: properties.location)
        }
        var required: Set<String> = []
        if let list = node["required"] {
            guard let items = list.sequence else { throw SpecError("required must be a list", at: list.location) }
            for item in items {
                guard let name = item.scalarText else { throw SpecError("required names must be strings", at: item.location) }
                guard pairs.contains(where: { $0.key.scalarText == name }) || partOfAllOf else {
                    throw SpecError("required property '\(name)' is not defined", at: item.location)
                }
                required.insert(name)
            }
        }
        var result: [Property] = []
        for pair in pairs {
            guard let name = pair.key.scalarText else { throw SpecError("property names must be scalars", at: pair.key.location) }
            let schema = try translate(pair.value, hint: hint + Naming.pascalCase(name))
            result.append(Property(name: name, schema: schema, required: required.contains(name)))
        }
        let limits = try constraints(of: node)
        return ObjectDefinition(properties: result, closed: node["additionalProperties"]?.bool == false,
                                minProperties: limits.minProperties, maxProperties: limits.maxProperties)
    }

    private func mergeAllOf(_ parts: YAMLNode, outer: YAMLNode, hint: String) throws(SpecError) -> ObjectDefinition {
        guard let items = parts.sequence, !items.isEmpty else {
            throw SpecError("allOf must be a non-empty list", at: parts.location)
        }
        var merged = ObjectDefinition(properties: [], closed: false)
        func absorb(_ object: ObjectDefinition) {
            for property in object.properties {
                if let index = merged.properties.firstIndex(where: { $0.name == property.name }) {
                    let wasRequired = merged.properties[index].required
                    merged.properties[index] = property
                    merged.properties[index].required = wasRequired || property.required
                } else {
                    merged.properties.append(property)
                }
            }
        }
        for part in items {
            absorb(try objectDefinition(of: part, hint: hint))
        }
        if let own = try translateObject(outer, hint: hint, partOfAllOf: true) { absorb(own) }
        for part in items + [outer] where part["$ref"] == nil {
            for item in part["required"]?.sequence ?? [] {
                guard let name = item.scalarText, let index = merged.properties.firstIndex(where: { $0.name == name }) else {
                    throw SpecError("required property '\(item.scalarText ?? "?")' is not defined", at: item.location)
                }
                merged.properties[index].required = true
            }
        }
        merged.closed = outer["additionalProperties"]?.bool == false
        let limits = try constraints(of: outer)
        merged.minProperties = limits.minProperties
        merged.maxProperties = limits.maxProperties
        return merged
    }

    /// The object behind an allOf part: a component reference or an inline object.
    private func objectDefinition(of part: YAMLNode, hint: String) throws(SpecError) -> ObjectDefinition {
        if let ref = part["$ref"] {
            guard let target = ref.string, target.hasPrefix(Self.schemaPrefix) else {
                throw SpecError("allOf references must point into components.schemas", at: ref.location)
            }
            let name = String(target.dropFirst(Self.schemaPrefix.count))
            guard let component = componentNodes.first(where: { $0.name == name }) else {
                throw SpecError("unresolved $ref '\(target)'", at: ref.location)
            }
            guard !building.contains(name) else {
                throw SpecError("allOf cycle through '\(name)'", at: ref.location)
            }
            building.insert(name)
            defer { building.remove(name) }
            if definitions[name] == nil { try define(component: name, node: component.node) }
            switch definitions[name]?.definition {
            case .object(let object)?: return object
            case .alias(let schema)?:
                if case .named(let next) = schema.type {
                    return try objectDefinition(of: YAMLNode(.mapping([YAMLPair(
                        key: YAMLNode(.scalar("$ref", .plain), at: ref.location),
                        value: YAMLNode(.scalar(Self.schemaPrefix + next, .plain), at: ref.location))]), at: ref.location),
                        hint: hint)
                }
                fallthrough
            default:
                throw SpecError("allOf part '\(name)' is not an object schema", at: ref.location)
            }
        }
        if part["allOf"] != nil { return try mergeAllOf(part["allOf"]!, outer: part, hint: hint) }
        guard let object = try translateObject(part, hint: hint, partOfAllOf: true) else {
            throw SpecError("allOf parts must be objects with properties", at: part.location)
        }
        return object
    }

    /// True when `schema` is a single string, number or boolean, or a string enum, following aliases.
    func isScalar(_ schema: Schema) -> Bool {
        var current = schema
        var seen: Set<String> = []
        while case .named(let name) = current.type, seen.insert(name).inserted {
            switch definitions[name]?.definition {
            case .enumeration?: return true
            case .alias(let target)?: current = target
            default: return false
            }
        }
        switch current.type {
        case .string, .integer, .number, .boolean: return true
        default: return false
        }
    }

    private func constraints(of node: YAMLNode) throws(SpecError) -> Constraints {
        var result = Constraints()
        func int(_ key: String) throws(SpecError) -> Int? {
            guard let value = node[key] else { return nil }
            guard let number = value.int, number >= 0 else {
                throw SpecError("\(key) must be a non-negative integer", at: value.location)
            }
            return number
        }
        func double(_ key: String) throws(SpecError) -> Double? {
            guard let value = node[key] else { return nil }
            guard let number = value.double else {
                throw SpecError("\(key) must be a number (OpenAPI 3.1 uses numeric exclusive bounds)", at: value.location)
            }
            return number
        }
        result.minLength = try int("minLength")
        result.maxLength = try int("maxLength")
        result.minItems = try int("minItems")
        result.maxItems = try int("maxItems")
        result.minProperties = try int("minProperties")
        result.maxProperties = try int("maxProperties")
        result.minimum = try double("minimum")
        result.maximum = try double("maximum")
        result.exclusiveMinimum = try double("exclusiveMinimum")
        result.exclusiveMaximum = try double("exclusiveMaximum")
        result.multipleOf = try double("multipleOf")
        result.uniqueItems = node["uniqueItems"]?.bool ?? false
        if let pattern = node["pattern"] {
            guard let text = pattern.scalarText else { throw SpecError("pattern must be a string", at: pattern.location) }
            result.pattern = text
        }
        result.constant = node["const"]?.scalarText
        return result
    }

    private func checkAliasCycles() throws(SpecError) {
        for start in order {
            var seen: [String] = [start]
            var current = start
            while case .alias(let schema)? = definitions[current]?.definition, case .named(let next) = schema.type {
                if seen.contains(next) {
                    let location = componentNodes.first(where: { $0.name == start })?.node.location
                        ?? SourceLocation(file: "", line: 0, column: 0)
                    throw SpecError("$ref cycle: " + (seen + [next]).joined(separator: " → "), at: location)
                }
                seen.append(next)
                current = next
            }
        }
    }
}

extension Schema {
    func with(_ nullable: Bool) -> Schema {
        var copy = self
        copy.nullable = copy.nullable || nullable
        return copy
    }
}
