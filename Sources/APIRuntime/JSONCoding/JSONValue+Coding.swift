import Primitives

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
