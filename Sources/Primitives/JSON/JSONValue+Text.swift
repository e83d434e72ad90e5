extension JSONValue {
    /// Writes the value (numbers as written, members in order).
    public func write(to writer: inout JSONWriter) {
        switch self {
        case .null: writer.null()
        case .bool(let value): writer.bool(value)
        case .number(let text): writer.rawNumber(text)
        case .string(let value): writer.string(value)
        case .array(let items):
            writer.beginArray()
            for item in items { writer.element(); item.write(to: &writer) }
            writer.endArray()
        case .object(let members):
            writer.beginObject()
            for member in members { writer.key(dynamic: member.key); member.value.write(to: &writer) }
            writer.endObject()
        }
    }

    /// The value as compact JSON text.
    public var text: String {
        var writer = JSONWriter()
        write(to: &writer)
        return String(decoding: writer.bytes, as: UTF8.self)
    }
}
