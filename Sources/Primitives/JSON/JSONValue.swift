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

    /// The number as an `Int` when it is written as one: digits with an optional minus, no
    /// fraction and no exponent, in range. `1.7e9` and `"1700000000"` are not integers here,
    /// so a reader that needs whole seconds (token claims) cannot be handed a re-spelled value.
    public var integer: Int? {
        guard case .number(let text) = self else { return nil }
        return Int(text)
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
