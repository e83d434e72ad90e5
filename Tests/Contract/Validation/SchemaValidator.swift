import Foundation

/// Validates JSON instances against JSON Schema 2020-12 as OpenAPI 3.1 writes it, driven by
/// the schemas of openapi.yaml alone: no expectation is written by hand.
///
/// It reports every violation it finds, each with the instance's JSON path, and it refuses
/// (throws `UnsupportedSchema`) any keyword or format outside `SchemaVocabulary`, so a schema
/// it cannot judge never passes by being skipped.
struct SchemaValidator {
    /// The document local `$ref`s point into.
    let document: JSONInstance

    /// References followed in a row before the validator gives up on a cycle.
    private static let maximumDepth = 64

    /// Every violation of `schema` (standing at `pointer`) by `instance`; empty when it conforms.
    func violations(of instance: JSONInstance, against schema: JSONInstance, at pointer: String) throws(UnsupportedSchema) -> [SchemaViolation] {
        var found: [SchemaViolation] = []
        try check(instance, path: "$", schema: schema, pointer: pointer, depth: 0, into: &found)
        return found
    }

    private func check(_ instance: JSONInstance, path: String, schema: JSONInstance, pointer: String, depth: Int,
                       into found: inout [SchemaViolation]) throws(UnsupportedSchema) {
        guard depth < Self.maximumDepth else {
            throw UnsupportedSchema(pointer: pointer, reason: "schemas nest deeper than \(Self.maximumDepth) levels (a $ref cycle?)")
        }
        func report(_ message: String, at location: String = path) {
            found.append(SchemaViolation(path: location, schemaPointer: pointer, message: message))
        }
        if case .bool(let allowed) = schema {
            if !allowed { report("no value is allowed here") }
            return
        }
        let keywords = try SchemaVocabulary.keywords(of: schema, at: pointer)
        if let reference = keywords["$ref"] {
            guard let target = reference.string else { throw UnsupportedSchema(pointer: pointer, reason: "$ref is not a string") }
            try check(instance, path: path, schema: try resolve(target, from: pointer), pointer: target, depth: depth + 1, into: &found)
        }
        if let type = keywords["type"] {
            let names = try SchemaVocabulary.typeNames(type, at: pointer)
            if !names.contains(where: { Self.instance(instance, hasType: $0) }) {
                report("expected \(names.joined(separator: " or ")), found \(instance.typeName) \(instance.excerpt(80))")
            }
        }
        if let allowed = keywords["enum"] {
            guard let values = allowed.array else { throw UnsupportedSchema(pointer: pointer, reason: "enum is not an array") }
            if !values.contains(instance) {
                report("\(instance.excerpt(80)) is not one of \(values.map { $0.text }.joined(separator: ", "))")
            }
        }
        if let constant = keywords["const"], constant != instance {
            report("expected the constant \(constant.text), found \(instance.excerpt(80))")
        }
        if let format = keywords["format"] {
            guard let name = format.string else { throw UnsupportedSchema(pointer: pointer, reason: "format is not a string") }
            if let problem = try SchemaFormat.problem(with: instance, format: name, at: pointer) { report(problem) }
        }
        switch instance {
        case .string(let text): try checkString(text, keywords, pointer: pointer, report: { report($0) })
        case .number(let value): try checkNumber(value, keywords, pointer: pointer, report: { report($0) })
        case .array(let elements): try checkArray(elements, path: path, keywords, pointer: pointer, depth: depth, into: &found)
        case .object(let members): try checkObject(members, path: path, keywords, pointer: pointer, depth: depth, into: &found)
        case .null, .bool: break
        }
        try checkComposition(instance, path: path, keywords, pointer: pointer, depth: depth, into: &found)
    }

    /// Whether `instance` is of the JSON Schema type `name` (an integer is any whole number).
    static func instance(_ instance: JSONInstance, hasType name: String) -> Bool {
        switch (name, instance) {
        case ("null", .null), ("boolean", .bool), ("string", .string), ("array", .array), ("object", .object), ("number", .number):
            return true
        case ("integer", .number(let value)):
            return value.rounded() == value
        default:
            return false
        }
    }

    private func checkString(_ text: String, _ keywords: [String: JSONInstance], pointer: String,
                             report: (String) -> Void) throws(UnsupportedSchema) {
        let length = text.unicodeScalars.count
        if let minimum = try SchemaVocabulary.count(keywords, "minLength", at: pointer), length < minimum {
            report("is \(length) characters long, shorter than minLength \(minimum)")
        }
        if let maximum = try SchemaVocabulary.count(keywords, "maxLength", at: pointer), length > maximum {
            report("is \(length) characters long, longer than maxLength \(maximum)")
        }
        if let pattern = keywords["pattern"] {
            let expression = try SchemaVocabulary.regularExpression(pattern, at: pointer)
            if expression.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) == nil {
                report("\(JSONInstance.string(text).excerpt(80)) does not match the pattern \(expression.pattern)")
            }
        }
    }

    private func checkNumber(_ value: Double, _ keywords: [String: JSONInstance], pointer: String,
                             report: (String) -> Void) throws(UnsupportedSchema) {
        let shown = JSONInstance.number(value).text
        if let bound = try SchemaVocabulary.number(keywords, "minimum", at: pointer), value < bound {
            report("\(shown) is less than the minimum \(JSONInstance.number(bound).text)")
        }
        if let bound = try SchemaVocabulary.number(keywords, "maximum", at: pointer), value > bound {
            report("\(shown) is greater than the maximum \(JSONInstance.number(bound).text)")
        }
        if let bound = try SchemaVocabulary.number(keywords, "exclusiveMinimum", at: pointer), value <= bound {
            report("\(shown) is not greater than the exclusive minimum \(JSONInstance.number(bound).text)")
        }
        if let bound = try SchemaVocabulary.number(keywords, "exclusiveMaximum", at: pointer), value >= bound {
            report("\(shown) is not less than the exclusive maximum \(JSONInstance.number(bound).text)")
        }
        if let divisor = try SchemaVocabulary.number(keywords, "multipleOf", at: pointer) {
            guard divisor > 0 else { throw UnsupportedSchema(pointer: pointer, reason: "multipleOf must be positive") }
            let quotient = value / divisor
            if abs(quotient - quotient.rounded()) > 1e-9 { report("\(shown) is not a multiple of \(JSONInstance.number(divisor).text)") }
        }
    }

    private func checkArray(_ elements: [JSONInstance], path: String, _ keywords: [String: JSONInstance], pointer: String, depth: Int,
                            into found: inout [SchemaViolation]) throws(UnsupportedSchema) {
        func report(_ message: String) { found.append(SchemaViolation(path: path, schemaPointer: pointer, message: message)) }
        if let minimum = try SchemaVocabulary.count(keywords, "minItems", at: pointer), elements.count < minimum {
            report("has \(elements.count) items, fewer than minItems \(minimum)")
        }
        if let maximum = try SchemaVocabulary.count(keywords, "maxItems", at: pointer), elements.count > maximum {
            report("has \(elements.count) items, more than maxItems \(maximum)")
        }
        if keywords["uniqueItems"]?.bool == true {
            for (index, element) in elements.enumerated() where elements[..<index].contains(element) {
                report("item \(index) repeats an earlier item, but uniqueItems is true")
            }
        }
        var prefixCount = 0
        if let prefix = keywords["prefixItems"] {
            guard let schemas = prefix.array else { throw UnsupportedSchema(pointer: pointer, reason: "prefixItems is not an array") }
            prefixCount = schemas.count
            for (index, element) in elements.enumerated().prefix(schemas.count) {
                try check(element, path: SchemaViolation.element(path, index), schema: schemas[index],
                          pointer: "\(pointer)/prefixItems/\(index)", depth: depth + 1, into: &found)
            }
        }
        if let items = keywords["items"] {
            for (index, element) in elements.enumerated().dropFirst(prefixCount) {
                try check(element, path: SchemaViolation.element(path, index), schema: items, pointer: pointer + "/items",
                          depth: depth + 1, into: &found)
            }
        }
    }

    private func checkObject(_ members: [String: JSONInstance], path: String, _ keywords: [String: JSONInstance], pointer: String,
                             depth: Int, into found: inout [SchemaViolation]) throws(UnsupportedSchema) {
        func report(_ message: String, at location: String) {
            found.append(SchemaViolation(path: location, schemaPointer: pointer, message: message))
        }
        if let minimum = try SchemaVocabulary.count(keywords, "minProperties", at: pointer), members.count < minimum {
            report("has \(members.count) properties, fewer than minProperties \(minimum)", at: path)
        }
        if let maximum = try SchemaVocabulary.count(keywords, "maxProperties", at: pointer), members.count > maximum {
            report("has \(members.count) properties, more than maxProperties \(maximum)", at: path)
        }
        if let required = keywords["required"] {
            guard let names = required.array?.compactMap(\.string), names.count == required.array?.count else {
                throw UnsupportedSchema(pointer: pointer, reason: "required is not an array of strings")
            }
            for name in names where members[name] == nil {
                report("the required property is missing", at: SchemaViolation.member(path, name))
            }
        }
        let properties = keywords["properties"]?.object ?? [:]
        if keywords["properties"] != nil, keywords["properties"]?.object == nil {
            throw UnsupportedSchema(pointer: pointer, reason: "properties is not an object")
        }
        for name in members.keys.sorted() {
            let location = SchemaViolation.member(path, name)
            if let schema = properties[name] {
                try check(members[name]!, path: location, schema: schema, pointer: "\(pointer)/properties/\(SpecDocument.escape(name))",
                          depth: depth + 1, into: &found)
            } else if let additional = keywords["additionalProperties"] {
                if additional == .bool(false) {
                    report("the property is not allowed (additionalProperties: false)", at: location)
                } else {
                    try check(members[name]!, path: location, schema: additional, pointer: pointer + "/additionalProperties",
                              depth: depth + 1, into: &found)
                }
            }
        }
    }

    /// `allOf`, `anyOf`, `oneOf` (with its `discriminator`) and `not`.
    private func checkComposition(_ instance: JSONInstance, path: String, _ keywords: [String: JSONInstance], pointer: String, depth: Int,
                                  into found: inout [SchemaViolation]) throws(UnsupportedSchema) {
        func report(_ message: String) { found.append(SchemaViolation(path: path, schemaPointer: pointer, message: message)) }
        func branches(_ keyword: String) throws(UnsupportedSchema) -> [[SchemaViolation]] {
            guard let schemas = keywords[keyword] else { return [] }
            guard let list = schemas.array, !list.isEmpty else {
                throw UnsupportedSchema(pointer: pointer, reason: "\(keyword) is not a non-empty array")
            }
            var results: [[SchemaViolation]] = []
            for (index, schema) in list.enumerated() {
                var branch: [SchemaViolation] = []
                try check(instance, path: path, schema: schema, pointer: "\(pointer)/\(keyword)/\(index)", depth: depth + 1, into: &branch)
                results.append(branch)
            }
            return results
        }
        for branch in try branches("allOf") { found += branch }
        let anyOf = try branches("anyOf")
        if !anyOf.isEmpty, !anyOf.contains(where: \.isEmpty) {
            report("matches none of the anyOf schemas: " + Self.summary(of: anyOf))
        }
        if let negated = keywords["not"] {
            var branch: [SchemaViolation] = []
            try check(instance, path: path, schema: negated, pointer: pointer + "/not", depth: depth + 1, into: &branch)
            if branch.isEmpty { report("matches the schema under not") }
        }
        let oneOf = try branches("oneOf")
        let passing = oneOf.indices.filter { oneOf[$0].isEmpty }
        if let discriminator = keywords["discriminator"] {
            guard keywords["oneOf"] != nil || keywords["anyOf"] != nil else {
                throw UnsupportedSchema(pointer: pointer, reason: "discriminator without oneOf or anyOf")
            }
            let (name, mapping) = try SchemaVocabulary.discriminator(discriminator, at: pointer)
            guard let value = instance[name]?.string else {
                report("the discriminator property \(name) is missing or not a string")
                return
            }
            guard let target = mapping[value] else {
                report("\(JSONInstance.string(value).text) is not a value of the discriminator \(name) (\(mapping.keys.sorted().joined(separator: ", ")))")
                return
            }
            var chosen: [SchemaViolation] = []
            try check(instance, path: path, schema: try resolve(target, from: pointer), pointer: target, depth: depth + 1, into: &chosen)
            found += chosen
            if chosen.isEmpty, !oneOf.isEmpty, passing.count != 1 {
                report("matches \(passing.count) of the oneOf schemas (\(passing.map(String.init).joined(separator: ", "))), exactly one allowed")
            }
        } else if !oneOf.isEmpty, passing.count != 1 {
            if passing.isEmpty {
                report("matches none of the oneOf schemas: " + Self.summary(of: oneOf))
            } else {
                report("matches \(passing.count) of the oneOf schemas (\(passing.map(String.init).joined(separator: ", "))), exactly one allowed")
            }
        }
    }

    /// The first reason each branch refused, for a message that says why nothing matched.
    private static func summary(of branches: [[SchemaViolation]]) -> String {
        branches.enumerated().map { index, violations in
            "[\(index)] " + (violations.first.map { "\($0.path): \($0.message)" } ?? "matches")
        }.joined(separator: "; ")
    }

    private func resolve(_ reference: String, from pointer: String) throws(UnsupportedSchema) -> JSONInstance {
        do {
            return try SpecDocument.node(at: reference, in: document)
        } catch {
            throw UnsupportedSchema(pointer: pointer, reason: "$ref \(reference): \(error)")
        }
    }
}
