import Primitives

extension JSONInstance {
    /// What the server's bodies are read with: the product's one JSON parser, strict about
    /// duplicate member names (another client could pick either value), deep enough for any
    /// response.
    static let parsing = JSONParser.Options(maximumDepth: 256, rejectsDuplicateKeys: true)

    /// Parses exactly one JSON value (surrounding white space allowed).
    static func parse(_ bytes: [UInt8]) throws(JSONSyntaxError) -> JSONInstance {
        JSONInstance(try JSONParser.parse(bytes, options: parsing))
    }

    /// Parses the UTF-8 of `text`.
    static func parse(_ text: String) throws(JSONSyntaxError) -> JSONInstance {
        try parse(Array(text.utf8))
    }

    /// The instance of a parsed value: numbers by value, members by name, as JSON Schema
    /// compares them.
    init(_ value: JSONValue) {
        switch value {
        case .null: self = .null
        case .bool(let flag): self = .bool(flag)
        case .number(let text): self = .number(Double(text) ?? .nan)
        case .string(let text): self = .string(text)
        case .array(let elements): self = .array(elements.map(JSONInstance.init))
        case .object(let members):
            self = .object(Dictionary(members.map { ($0.key, JSONInstance($0.value)) }, uniquingKeysWith: { first, _ in first }))
        }
    }
}
