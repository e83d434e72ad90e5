import CodegenCore

extension JSONInstance {
    /// The JSON value of a YAML node under YAML 1.2's core schema, as the code generator
    /// reads openapi.yaml (`JSONLiteral`): quoted scalars are strings; plain ones become
    /// null, booleans or numbers when they spell one.
    init(yaml node: YAMLNode) {
        self.init(JSONLiteral(node))
    }

    /// The same value, with numbers compared by value and members by name, as JSON Schema does.
    init(_ literal: JSONLiteral) {
        switch literal {
        case .null: self = .null
        case .bool(let value): self = .bool(value)
        case .int(let value): self = .number(Double(value))
        case .double(let value): self = .number(value)
        case .string(let text): self = .string(text)
        case .array(let elements): self = .array(elements.map(JSONInstance.init))
        case .object(let pairs): self = .object(Dictionary(pairs.map { ($0.0, JSONInstance($0.1)) }, uniquingKeysWith: { _, last in last }))
        }
    }
}
