/// A parsed JSON value. Numbers keep their source text so that exact decimals and
/// 64-bit integers survive; object members keep their order.
public indirect enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    /// The number exactly as written (`"0.10"`, `"-3e5"`).
    case number(String)
    case string(String)
    case array([JSONValue])
    case object([JSONMember])

    /// The value of the first member named `key`, when this is an object.
    public subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.first(where: { $0.key == key })?.value
    }

    /// A short name of the value's kind, for error messages.
    public var kindName: String {
        switch self {
        case .null: return "null"
        case .bool: return "a boolean"
        case .number: return "a number"
        case .string: return "a string"
        case .array: return "an array"
        case .object: return "an object"
        }
    }
}

/// One member of a JSON object.
public struct JSONMember: Sendable, Equatable {
    public var key: String
    public var value: JSONValue

    public init(_ key: String, _ value: JSONValue) {
        self.key = key
        self.value = value
    }
}

extension JSONValue: JSONEncodable {
    public func encode(to writer: inout JSONWriter) {
        switch self {
        case .null: writer.null()
        case .bool(let value): writer.bool(value)
        case .number(let text): writer.rawNumber(text)
        case .string(let value): writer.string(value)
        case .array(let items):
            writer.beginArray()
            for item in items { writer.element(); item.encode(to: &writer) }
            writer.endArray()
        case .object(let members):
            writer.beginObject()
            for member in members { writer.key(dynamic: member.key); member.value.encode(to: &writer) }
            writer.endObject()
        }
    }
}

extension JSONValue: JSONDecodable {
    public static func decode(_ json: JSONValue, at path: String, issues: inout [FieldIssue]) -> JSONValue? {
        json
    }
}
