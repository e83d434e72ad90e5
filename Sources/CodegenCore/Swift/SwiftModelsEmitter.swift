/// Emits `Models.swift`: one Swift type per named object, enumeration and union, with
/// byte-level JSON encoding in spec field order and validating decoders.
struct SwiftModelsEmitter {
    /// The spec and its Swift spellings.
    let names: SwiftNames
    /// Writes the decoders' validation.
    let checks: SwiftChecks

    /// The contents of `Models.swift`.
    func render() -> String {
        var writer = SwiftEmitter.fileWriter()
        for schema in names.model.schemas {
            switch schema.definition {
            case .object(let object): writeObject(schema, object, into: &writer)
            case .enumeration(let values): writeEnum(schema, values, into: &writer)
            case .union(let union): writeUnion(schema, union, into: &writer)
            case .alias: continue  // aliases are spelled out where they are used
            }
            writer.line()
        }
        return writer.text
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
        /// Optional and nullable without a default: an `OptionalNullable`, which keeps a member
        /// left out apart from a `null` one.
        var absentOrNull: Bool
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
            let absentOrNull = !property.required && defaultLiteral == nil && schema.nullable
            let type = names.type(of: schema)
            result.append(StoredProperty(
                property: property, name: name, type: absentOrNull ? "OptionalNullable<\(type)>" : type,
                optional: !absentOrNull && ((!property.required && defaultLiteral == nil) || schema.nullable),
                defaultLiteral: absentOrNull ? ".absent" : defaultLiteral,
                constant: isString(schema) ? schema.constraints.constant : nil, absentOrNull: absentOrNull))
        }
        return result
    }

    private func isString(_ schema: Schema) -> Bool {
        if case .string = schema.type { return true }
        return false
    }

    private func writeObject(_ schema: NamedSchema, _ object: ObjectDefinition, into writer: inout SwiftWriter) {
        let typeName = SwiftNames.typeName(schema.name)
        let all = storedProperties(object)
        let stored = all.filter { $0.constant == nil }
        writer.doc(schema.description ?? "`\(schema.name)` of the spec.")
        writer.block("public struct \(typeName): Sendable, Equatable {") { writer in
            for property in stored {
                writer.doc(names.resolved(property.property.schema).description)
                writer.line("public var \(property.name): \(property.declaredType)")
            }
            if !stored.isEmpty { writer.line() }
            stored.writeMemberwiseInitializer(into: &writer)
            if object.closed {
                let known = all.map { SwiftLiteral.string($0.property.name) }.joined(separator: ", ")
                writer.line()
                writer.line("/// The member names the schema allows.")
                writer.line("static let fieldNames: Set<String> = [\(known)]")
            }
        }
        writer.line()
        writer.block("extension \(typeName): JSONCodable {") { writer in
            writer.block("public func encode(to writer: inout JSONWriter) {") { writer in
                writer.line("writer.beginObject()")
                for property in all {
                    let key = "writer.key(\(SwiftLiteral.string(property.property.name)))"
                    if let constant = property.constant {
                        writer.line("\(key); writer.string(\(SwiftLiteral.string(constant)))")
                    } else if property.absentOrNull {
                        writer.line("if \(property.name).isPresent { \(key); \(property.name).encode(to: &writer) }")
                    } else if property.optional && !property.property.required {
                        writer.line("if let \(property.name) { \(key); \(property.name).encode(to: &writer) }")
                    } else {
                        writer.line("\(key); \(property.name).encode(to: &writer)")
                    }
                }
                writer.line("writer.endObject()")
            }
            writer.line()
            writer.block(Self.decodeSignature(typeName)) { writer in
                writeDecodeBody(typeName, object, all, into: &writer)
            }
        }
    }

    /// The opening line of a model's `decode`, a member of `JSONCodable`.
    private static func decodeSignature(_ typeName: String) -> String {
        "public static func decode(_ json: JSONValue, at path: String, issues: inout [FieldIssue]) -> \(typeName)? {"
    }

    private func writeDecodeBody(_ typeName: String, _ object: ObjectDefinition, _ all: [StoredProperty],
                                 into writer: inout SwiftWriter) {
        let stored = all.filter { $0.constant == nil }
        writer.line("guard let _reader = JSONObjectReader.open(json, at: path, issues: &issues) else { return nil }")
        writer.line("let _mark = issues.count")
        for property in all {
            let jsonName = SwiftLiteral.string(property.property.name)
            if let constant = property.constant {
                if property.property.required {
                    writer.line("_reader.expectConstant(\(jsonName), \(SwiftLiteral.string(constant)), issues: &issues)")
                }
                continue
            }
            let path = "_reader.path(of: \(jsonName))"
            if property.absentOrNull {
                writer.line("let \(property.name): \(property.type)? = _reader.optionalNullable(\(jsonName), issues: &issues)")
                checks.writeUnwrapped(property.name, condition: "case .value(let \(property.name))? = \(property.name)",
                                      schema: property.property.schema, path: path, into: &writer)
                continue
            }
            let nullable = names.resolved(property.property.schema).nullable
            writer.line("let \(property.name): \(property.type)? = _reader.value(\(jsonName), "
                        + "required: \(property.property.required)\(nullable ? ", nullable: true" : ""), issues: &issues)")
            checks.writeUnwrapped(property.name, schema: property.property.schema, path: path, into: &writer)
        }
        if object.minProperties != nil || object.maxProperties != nil {
            let limits = "min: \(object.minProperties.map(String.init) ?? "nil"), max: \(object.maxProperties.map(String.init) ?? "nil")"
            writer.line("Check.count(_reader.members.count, \(limits), noun: \"properties\", at: _reader.path, issues: &issues)")
        }
        if object.closed { writer.line("_reader.rejectUnknown(fieldNames, issues: &issues)") }
        writer.line("guard issues.count == _mark\(stored.mandatoryBindings) else { return nil }")
        writer.line("return \(typeName)(\(stored.decodedArguments))")
    }

    // MARK: Enumerations

    private func writeEnum(_ schema: NamedSchema, _ values: [String], into writer: inout SwiftWriter) {
        let cases = EnumCases(values)
        writer.doc(schema.description ?? "`\(schema.name)` of the spec.")
        writer.block("public enum \(SwiftNames.typeName(schema.name)): String, StringEnum {") { writer in
            for value in values {
                writer.line("case \(cases.name(of: value)) = \(SwiftLiteral.string(value))")
            }
        }
    }

    // MARK: Unions

    private func writeUnion(_ schema: NamedSchema, _ union: UnionDefinition, into writer: inout SwiftWriter) {
        let typeName = SwiftNames.typeName(schema.name)
        let discriminator = union.discriminator
        // A case takes its discriminator value's name (`.subscribe`) when every variant has one
        // value, else its variant's name (`.pricedOrderRequest` for Limit, StopLoss, TakeProfit).
        let namedByValue = discriminator?.isOneValuePerVariant ?? false
        let cases: [(caseName: String, variant: String, values: [String])] = union.variants.map { variant in
            let values = discriminator?.values(of: variant) ?? []
            let caseName = namedByValue && values.count == 1 ? values[0] : variant
            return (SwiftNames.identifier(caseName), variant, values)
        }
        writer.doc(schema.description ?? "`\(schema.name)` of the spec: one of its variants.")
        writer.block("public enum \(typeName): Sendable, Equatable {") { writer in
            for entry in cases {
                if let discriminator, !entry.values.isEmpty {
                    writer.line("/// `\(discriminator.propertyName): \(entry.values.joined(separator: " | "))`")
                }
                writer.line("case \(entry.caseName)(\(SwiftNames.typeName(entry.variant)))")
            }
        }
        writer.line()
        writer.block("extension \(typeName): JSONCodable {") { writer in
            writer.block("public func encode(to writer: inout JSONWriter) {") { writer in
                writer.switchBlock("self") { writer in
                    for entry in cases { writer.line("case .\(entry.caseName)(let value): value.encode(to: &writer)") }
                }
            }
            writer.line()
            writer.block(Self.decodeSignature(typeName)) { writer in
                if let discriminator {
                    let property = SwiftLiteral.string(discriminator.propertyName)
                    writer.line("guard let object = JSONObjectReader.open(json, at: path, issues: &issues) else { return nil }")
                    writer.switchBlock("object.string(\(property))") { writer in
                        for entry in cases {
                            let labels = entry.values.map { SwiftLiteral.string($0) + "?" }.joined(separator: ", ")
                            writer.caseBlock("case \(labels):") { writer in
                                writer.line("return \(SwiftNames.typeName(entry.variant)).decode(json, at: path, issues: &issues)"
                                            + ".map(\(typeName).\(entry.caseName))")
                            }
                        }
                        let allowed = discriminator.mapping.map(\.value).joined(separator: ", ")
                        writer.caseBlock("default:") { writer in
                            writer.line("issues.append(FieldIssue(object.path(of: \(property)), "
                                        + "\(SwiftLiteral.string("must be one of " + allowed))))")
                            writer.line("return nil")
                        }
                    }
                } else {
                    writer.line("var attempt: [FieldIssue] = []")
                    for entry in cases {
                        writer.line("if let value = \(SwiftNames.typeName(entry.variant)).decode(json, at: path, issues: &attempt) "
                                    + "{ return .\(entry.caseName)(value) }")
                        writer.line("attempt.removeAll()")
                    }
                    writer.line("issues.append(FieldIssue(path, "
                                + "\(SwiftLiteral.string("must match one of " + union.variants.joined(separator: ", ")))))")
                    writer.line("return nil")
                }
            }
        }
    }
}
