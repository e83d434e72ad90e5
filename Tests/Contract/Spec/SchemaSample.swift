/// Builds the smallest plausible instance of a schema: required properties only, the
/// schema's own example or first enum value for leaves, the least count or length allowed.
/// The 501 meta-test uses it so that a request reaches the handler instead of failing
/// validation; the result is checked against the schema, so a sample the builder gets
/// wrong fails loudly instead of testing the wrong thing.
struct SchemaSample {
    /// The document local `$ref`s point into.
    let document: JSONInstance

    /// A sample that conforms to `schema` (standing at `pointer`): `example` when the spec
    /// gives one, else one built from the schema.
    func minimal(_ schema: JSONInstance, at pointer: String, example: JSONInstance? = nil) throws -> JSONInstance {
        let sample = try example ?? build(schema, depth: 0)
        let violations = try SchemaValidator(document: document).violations(of: sample, against: schema, at: pointer)
        guard violations.isEmpty else {
            throw SpecDocument.Problem(description: "the sample \(sample.text) for \(pointer) does not conform: \(violations)")
        }
        return sample
    }

    private func build(_ schema: JSONInstance, depth: Int) throws -> JSONInstance {
        guard depth < 32 else { throw SpecDocument.Problem(description: "schemas nest too deep to sample") }
        if let reference = schema["$ref"]?.string {
            return try build(try SpecDocument.node(at: reference, in: document), depth: depth + 1)
        }
        if let constant = schema["const"] { return constant }
        if let first = schema["enum"]?.array?.first { return first }
        let types = schema["type"]?.array?.compactMap(\.string) ?? schema["type"]?.string.map { [$0] } ?? []
        let type = types.first { $0 != "null" } ?? types.first
        if let example = schema["example"], type != "object", type != "array" { return example }
        if let branch = schema["oneOf"]?[0] ?? schema["anyOf"]?[0] { return try build(branch, depth: depth + 1) }
        if let parts = schema["allOf"]?.array {
            var members: [String: JSONInstance] = [:]
            for part in parts { members.merge(try build(part, depth: depth + 1).object ?? [:]) { _, new in new } }
            return .object(members)
        }
        switch type {
        case "object":
            let properties = schema["properties"]?.object ?? [:]
            var names = (schema["required"]?.array ?? []).compactMap(\.string)
            let least = schema["minProperties"]?.integer ?? 0
            names += properties.keys.sorted().filter { !names.contains($0) }.prefix(max(0, least - names.count))
            var members: [String: JSONInstance] = [:]
            for name in names { members[name] = try build(properties[name] ?? true, depth: depth + 1) }
            return .object(members)
        case "array":
            let count = schema["minItems"]?.integer ?? 0
            let item = try build(schema["items"] ?? true, depth: depth + 1)
            return .array(Array(repeating: item, count: count))
        case "string":
            return .string(stringSample(schema))
        case "integer", "number":
            if let minimum = schema["minimum"]?.number { return .number(minimum) }
            if let bound = schema["exclusiveMinimum"]?.number { return .number(bound.rounded(.down) + 1) }
            return .number(min(1, schema["maximum"]?.number ?? 1))
        case "boolean":
            return .bool(false)
        case "null":
            return .null
        default:
            // `true` or a schema without a type: any value will do.
            return .object([:])
        }
    }

    private func stringSample(_ schema: JSONInstance) -> String {
        switch schema["format"]?.string {
        case "uuid": return ContractSuite.unknownID
        case "date-time": return "2026-01-28T12:00:00Z"
        case "date": return "2026-01-28"
        case "decimal": return "1"
        default: return String(repeating: "a", count: max(1, schema["minLength"]?.integer ?? 1))
        }
    }
}
