/// Emits `Models.swift`: one Swift type per named object, enumeration and union, with
/// byte-level JSON encoding in spec field order and validating decoders.
struct SwiftModelsEmitter {
    let names: SwiftNames
    let checks: SwiftChecks

    func render() -> String {
        var out = SwiftEmitter.header
        for schema in names.model.schemas {
            switch schema.definition {
            case .object(let object): out += renderObject(schema, object)
            case .enumeration(let values): out += renderEnum(schema, values)
            case .union(let union): out += renderUnion(schema, union)
            case .alias: continue  // aliases are spelled out where they are used
            }
            out += "\n"
        }
        return out
    }

    // MARK: Objects

    /// A stored property: JSON name, Swift name, Swift type, and how it is coded.
    struct StoredProperty: SwiftStoredMember {
        var property: Property
        var name: String
        var type: String
        var optional: Bool
        var defaultLiteral: String?
        var constant: String?
    }

    private func storedProperties(_ object: ObjectDefinition) -> [StoredProperty] {
        var used: Set<String> = []
        var result: [StoredProperty] = []
        for property in object.properties {
            let schema = names.resolved(property.schema)
            var name = SwiftNames.identifier(property.name)
            while used.contains(name) { name += "_" }
            used.insert(name)
            let defaultLiteral = property.required ? nil : property.schema.defaultValue.flatMap { names.literal($0, for: schema) }
            result.append(StoredProperty(
                property: property, name: name, type: names.type(of: schema),
                optional: (!property.required && defaultLiteral == nil) || schema.nullable,
                defaultLiteral: defaultLiteral,
                constant: isString(schema) ? schema.constraints.constant : nil))
        }
        return result
    }

    private func isString(_ schema: Schema) -> Bool {
        if case .string = schema.type { return true }
        return false
    }

    private func renderObject(_ schema: NamedSchema, _ object: ObjectDefinition) -> String {
        let typeName = SwiftNames.typeName(schema.name)
        let all = storedProperties(object)
        let stored = all.filter { $0.constant == nil }
        var out = SwiftLiteral.doc(schema.description ?? "`\(schema.name)` of the spec.")
        out += "public struct \(typeName): Sendable, Equatable {\n"
        for property in stored {
            out += SwiftLiteral.doc(names.resolved(property.property.schema).description, indent: "    ")
            out += "    public var \(property.name): \(property.declaredType)\n"
        }
        if !stored.isEmpty { out += "\n" }
        out += stored.memberwiseInitializer
        if object.closed {
            let known = all.map { SwiftLiteral.string($0.property.name) }.joined(separator: ", ")
            out += "\n    /// The member names the schema allows.\n"
            out += "    static let fieldNames: Set<String> = [\(known)]\n"
        }
        out += "}\n\n"
        out += "extension \(typeName): JSONCodable {\n"
        out += "    public func encode(to writer: inout JSONWriter) {\n"
        out += "        writer.beginObject()\n"
        for property in all {
            let key = "writer.key(\(SwiftLiteral.string(property.property.name)))"
            if let constant = property.constant {
                out += "        \(key); writer.string(\(SwiftLiteral.string(constant)))\n"
            } else if property.optional && !property.property.required {
                out += "        if let \(property.name) { \(key); \(property.name).encode(to: &writer) }\n"
            } else {
                out += "        \(key); \(property.name).encode(to: &writer)\n"
            }
        }
        out += "        writer.endObject()\n"
        out += "    }\n\n"
        out += "    public static func decode(_ json: JSONValue, at path: String, issues: inout [FieldIssue]) -> \(typeName)? {\n"
        out += "        guard let _reader = JSONObjectReader.open(json, at: path, issues: &issues) else { return nil }\n"
        out += "        let _mark = issues.count\n"
        for property in all {
            let jsonName = SwiftLiteral.string(property.property.name)
            if let constant = property.constant {
                if property.property.required {
                    out += "        _reader.expectConstant(\(jsonName), \(SwiftLiteral.string(constant)), issues: &issues)\n"
                }
                continue
            }
            let nullable = names.resolved(property.property.schema).nullable
            out += "        let \(property.name): \(property.type)? = _reader.value(\(jsonName), required: \(property.property.required)"
            out += nullable ? ", nullable: true" : ""
            out += ", issues: &issues)\n"
            let lines = checks.statements(
                for: property.name, schema: property.property.schema, path: "_reader.path(of: \(jsonName))",
                indent: "            ")
            if !lines.isEmpty {
                out += "        if let \(property.name) {\n" + lines.joined(separator: "\n") + "\n        }\n"
            }
        }
        if object.minProperties != nil || object.maxProperties != nil {
            let limits = "min: \(object.minProperties.map(String.init) ?? "nil"), max: \(object.maxProperties.map(String.init) ?? "nil")"
            out += "        Check.count(_reader.members.count, \(limits), noun: \"properties\", at: _reader.path, issues: &issues)\n"
        }
        if object.closed { out += "        _reader.rejectUnknown(fieldNames, issues: &issues)\n" }
        out += "        guard issues.count == _mark\(stored.mandatoryBindings) else { return nil }\n"
        out += "        return \(typeName)(\(stored.decodedArguments))\n"
        out += "    }\n"
        out += "}\n"
        return out
    }

    // MARK: Enumerations

    private func renderEnum(_ schema: NamedSchema, _ values: [String]) -> String {
        let cases = EnumCases(values)
        var out = SwiftLiteral.doc(schema.description ?? "`\(schema.name)` of the spec.")
        out += "public enum \(SwiftNames.typeName(schema.name)): String, StringEnum {\n"
        for value in values {
            out += "    case \(cases.name(of: value)) = \(SwiftLiteral.string(value))\n"
        }
        out += "}\n"
        return out
    }

    // MARK: Unions

    private func renderUnion(_ schema: NamedSchema, _ union: UnionDefinition) -> String {
        let typeName = SwiftNames.typeName(schema.name)
        let caseNames: [(caseName: String, variant: String, value: String?)] = union.variants.map { variant in
            if let value = union.discriminator?.mapping.first(where: { $0.variant == variant })?.value {
                return (SwiftNames.identifier(value), variant, value)
            }
            return (SwiftNames.identifier(variant), variant, nil)
        }
        var out = SwiftLiteral.doc(schema.description ?? "`\(schema.name)` of the spec: one of its variants.")
        out += "public enum \(typeName): Sendable, Equatable {\n"
        for entry in caseNames {
            if let value = entry.value { out += "    /// `\(union.discriminator!.propertyName): \(value)`\n" }
            out += "    case \(entry.caseName)(\(SwiftNames.typeName(entry.variant)))\n"
        }
        out += "}\n\n"
        out += "extension \(typeName): JSONCodable {\n"
        out += "    public func encode(to writer: inout JSONWriter) {\n"
        out += "        switch self {\n"
        for entry in caseNames { out += "        case .\(entry.caseName)(let value): value.encode(to: &writer)\n" }
        out += "        }\n"
        out += "    }\n\n"
        out += "    public static func decode(_ json: JSONValue, at path: String, issues: inout [FieldIssue]) -> \(typeName)? {\n"
        if let discriminator = union.discriminator {
            let property = SwiftLiteral.string(discriminator.propertyName)
            out += "        guard let object = JSONObjectReader.open(json, at: path, issues: &issues) else { return nil }\n"
            out += "        switch object.string(\(property)) {\n"
            for entry in caseNames {
                out += "        case \(SwiftLiteral.string(entry.value ?? entry.variant))?:\n"
                out += "            return \(SwiftNames.typeName(entry.variant)).decode(json, at: path, issues: &issues).map(\(typeName).\(entry.caseName))\n"
            }
            let allowed = caseNames.map { $0.value ?? $0.variant }.joined(separator: ", ")
            out += "        default:\n"
            out += "            issues.append(FieldIssue(object.path(of: \(property)), \(SwiftLiteral.string("must be one of " + allowed))))\n"
            out += "            return nil\n"
            out += "        }\n"
        } else {
            out += "        var attempt: [FieldIssue] = []\n"
            for entry in caseNames {
                out += "        if let value = \(SwiftNames.typeName(entry.variant)).decode(json, at: path, issues: &attempt) { return .\(entry.caseName)(value) }\n"
                out += "        attempt.removeAll()\n"
            }
            out += "        issues.append(FieldIssue(path, \(SwiftLiteral.string("must match one of " + union.variants.joined(separator: ", ")))))\n"
            out += "        return nil\n"
        }
        out += "    }\n"
        out += "}\n"
        return out
    }
}
