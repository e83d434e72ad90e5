import Foundation

/// The JSON Schema keywords `SchemaValidator` understands, how their values must look, and a
/// walk that proves a whole schema (and so the whole spec) uses nothing else.
enum SchemaVocabulary {
    /// Keywords that assert something about the instance.
    static let assertions: Set<String> = [
        "$ref", "type", "enum", "const", "format",
        "minLength", "maxLength", "pattern",
        "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf",
        "items", "prefixItems", "minItems", "maxItems", "uniqueItems",
        "properties", "required", "additionalProperties", "minProperties", "maxProperties",
        "allOf", "anyOf", "oneOf", "not", "discriminator",
    ]

    /// Keywords that only annotate (documentation, examples, generator hints); `x-` extensions too.
    static let annotations: Set<String> = [
        "description", "title", "example", "examples", "default", "deprecated", "readOnly", "writeOnly", "$comment",
    ]

    /// The JSON Schema type names.
    static let knownTypes: Set<String> = ["null", "boolean", "object", "array", "number", "string", "integer"]

    /// The keywords of a schema object, after checking that each one is understood.
    static func keywords(of schema: JSONInstance, at pointer: String) throws(UnsupportedSchema) -> [String: JSONInstance] {
        guard let keywords = schema.object else {
            throw UnsupportedSchema(pointer: pointer, reason: "a schema must be an object or a boolean, not \(schema.excerpt(80))")
        }
        for key in keywords.keys.sorted() where !assertions.contains(key) && !annotations.contains(key) && !key.hasPrefix("x-") {
            throw UnsupportedSchema(pointer: pointer, reason: "keyword \(key) is not understood by the contract validator")
        }
        return keywords
    }

    /// The names `type` allows (a string or an array of strings).
    static func typeNames(_ type: JSONInstance, at pointer: String) throws(UnsupportedSchema) -> [String] {
        let names = type.array?.compactMap(\.string) ?? type.string.map { [$0] } ?? []
        guard !names.isEmpty, names.count == (type.array?.count ?? 1), names.allSatisfy(knownTypes.contains) else {
            throw UnsupportedSchema(pointer: pointer, reason: "type \(type.text) is not a type name or a list of them")
        }
        return names
    }

    /// A keyword whose value must be a non-negative integer (`minLength`, `maxItems`, …).
    static func count(_ keywords: [String: JSONInstance], _ name: String, at pointer: String) throws(UnsupportedSchema) -> Int? {
        guard let value = keywords[name] else { return nil }
        guard let count = value.integer, count >= 0 else {
            throw UnsupportedSchema(pointer: pointer, reason: "\(name) must be a non-negative integer, not \(value.text)")
        }
        return count
    }

    /// A keyword whose value must be a number (`minimum`, `multipleOf`, …; 2020-12's numeric `exclusive*`).
    static func number(_ keywords: [String: JSONInstance], _ name: String, at pointer: String) throws(UnsupportedSchema) -> Double? {
        guard let value = keywords[name] else { return nil }
        guard let number = value.number else {
            throw UnsupportedSchema(pointer: pointer, reason: "\(name) must be a number, not \(value.text)")
        }
        return number
    }

    /// `pattern` compiled. ECMA-262 and ICU agree on the constructs the spec uses.
    static func regularExpression(_ pattern: JSONInstance, at pointer: String) throws(UnsupportedSchema) -> NSRegularExpression {
        guard let text = pattern.string, let expression = try? NSRegularExpression(pattern: text) else {
            throw UnsupportedSchema(pointer: pointer, reason: "pattern \(pattern.text) is not a regular expression")
        }
        return expression
    }

    /// A discriminator's property name and mapping (value → `$ref`).
    static func discriminator(_ value: JSONInstance, at pointer: String) throws(UnsupportedSchema) -> (String, [String: String]) {
        guard let members = value.object, let name = members["propertyName"]?.string else {
            throw UnsupportedSchema(pointer: pointer, reason: "discriminator needs a propertyName")
        }
        for key in members.keys where key != "propertyName" && key != "mapping" && !key.hasPrefix("x-") {
            throw UnsupportedSchema(pointer: pointer, reason: "discriminator keyword \(key) is not understood")
        }
        // Without a mapping a value names a schema implicitly; the spec always maps, so that is not supported.
        guard let mapping = members["mapping"]?.object, !mapping.isEmpty, mapping.values.allSatisfy({ $0.string != nil }) else {
            throw UnsupportedSchema(pointer: pointer, reason: "discriminator needs a mapping of values to $refs")
        }
        return (name, mapping.mapValues { $0.string! })
    }

    /// Walks `schema` and every schema inside it (not following `$ref`s, which the caller
    /// walks where they point), throwing at the first thing the validator would not understand.
    static func verify(_ schema: JSONInstance, at pointer: String, in document: JSONInstance) throws(UnsupportedSchema) {
        if case .bool = schema { return }
        let keywords = try Self.keywords(of: schema, at: pointer)
        if let reference = keywords["$ref"] {
            guard let target = reference.string, (try? SpecDocument.node(at: target, in: document)) != nil else {
                throw UnsupportedSchema(pointer: pointer, reason: "$ref \(reference.text) points at nothing")
            }
        }
        if let type = keywords["type"] { _ = try typeNames(type, at: pointer) }
        if let format = keywords["format"], !SchemaFormat.isKnown(format.string ?? "") {
            throw UnsupportedSchema(pointer: pointer, reason: "format \(format.text) is not understood")
        }
        if let pattern = keywords["pattern"] { _ = try regularExpression(pattern, at: pointer) }
        for name in ["minLength", "maxLength", "minItems", "maxItems", "minProperties", "maxProperties"] {
            _ = try count(keywords, name, at: pointer)
        }
        for name in ["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf"] {
            _ = try number(keywords, name, at: pointer)
        }
        if let discriminator = keywords["discriminator"] {
            let (_, mapping) = try Self.discriminator(discriminator, at: pointer)
            let branches = Set((keywords["oneOf"]?.array ?? keywords["anyOf"]?.array ?? []).compactMap { $0["$ref"]?.string })
            for (value, target) in mapping where !branches.contains(target) {
                throw UnsupportedSchema(pointer: pointer, reason: "discriminator value \(value) maps to \(target), which is not one of its branches")
            }
        }
        for (name, subschema) in keywords["properties"]?.object ?? [:] {
            try verify(subschema, at: "\(pointer)/properties/\(SpecDocument.escape(name))", in: document)
        }
        for name in ["items", "additionalProperties", "not"] {
            if let subschema = keywords[name] { try verify(subschema, at: "\(pointer)/\(name)", in: document) }
        }
        for name in ["prefixItems", "allOf", "anyOf", "oneOf"] {
            for (index, subschema) in (keywords[name]?.array ?? []).enumerated() {
                try verify(subschema, at: "\(pointer)/\(name)/\(index)", in: document)
            }
        }
    }
}
