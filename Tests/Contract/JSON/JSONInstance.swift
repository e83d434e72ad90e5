import CodegenCore

/// A JSON document as the contract suite sees it: response bodies, WebSocket messages, and
/// openapi.yaml itself (read through YAML), so that one validator serves all three.
///
/// Numbers are `Double`: every number the API sends (counts, epoch milliseconds, ratios) is
/// exact in a double, and JSON Schema compares numbers by value (`1` and `1.0` are equal).
enum JSONInstance: Equatable, Sendable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONInstance])
    case object([String: JSONInstance])
}

extension JSONInstance {
    /// The member `key` of an object; nil for a missing member or a non-object.
    subscript(key: String) -> JSONInstance? {
        if case .object(let members) = self { return members[key] }
        return nil
    }

    /// The element at `index` of an array; nil when out of range or not an array.
    subscript(index: Int) -> JSONInstance? {
        if case .array(let elements) = self, elements.indices.contains(index) { return elements[index] }
        return nil
    }

    /// The text of a string.
    var string: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    /// The value of a number.
    var number: Double? {
        if case .number(let value) = self { return value }
        return nil
    }

    /// The value of a number that is whole and fits an `Int`.
    var integer: Int? {
        guard case .number(let value) = self, value.rounded() == value, abs(value) < 9.2e18 else { return nil }
        return Int(value)
    }

    /// The value of a boolean.
    var bool: Bool? {
        if case .bool(let value) = self { return value }
        return nil
    }

    /// The elements of an array.
    var array: [JSONInstance]? {
        if case .array(let elements) = self { return elements }
        return nil
    }

    /// The members of an object.
    var object: [String: JSONInstance]? {
        if case .object(let members) = self { return members }
        return nil
    }

    /// The JSON Schema type name of the value (`integer` for whole numbers).
    var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "boolean"
        case .number(let value): value.rounded() == value && value.isFinite ? "integer" : "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }

    /// Compact JSON text with object members in key order, so that equal values print alike.
    var text: String {
        switch self {
        case .null: return "null"
        case .bool(let value): return value ? "true" : "false"
        case .number(let value):
            if value.rounded() == value, abs(value) < 1e15 { return String(Int(value)) }
            return String(value)
        case .string(let text): return JSONLiteral.quoted(text)
        case .array(let elements): return "[" + elements.map(\.text).joined(separator: ",") + "]"
        case .object(let members):
            let pairs = members.keys.sorted().map { JSONLiteral.quoted($0) + ":" + members[$0]!.text }
            return "{" + pairs.joined(separator: ",") + "}"
        }
    }

    /// `text` cut to `limit` characters, for failure messages.
    func excerpt(_ limit: Int = 300) -> String {
        let full = text
        return full.count <= limit ? full : String(full.prefix(limit)) + "…"
    }
}

extension JSONInstance: ExpressibleByNilLiteral, ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByFloatLiteral, ExpressibleByStringLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral {
    // Literals let a test write a request body as it would appear on the wire.
    init(nilLiteral: ()) { self = .null }
    init(booleanLiteral value: Bool) { self = .bool(value) }
    init(integerLiteral value: Int) { self = .number(Double(value)) }
    init(floatLiteral value: Double) { self = .number(value) }
    init(stringLiteral value: String) { self = .string(value) }
    init(arrayLiteral elements: JSONInstance...) { self = .array(elements) }
    init(dictionaryLiteral elements: (String, JSONInstance)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
}

extension JSONInstance: CustomStringConvertible {
    /// The compact JSON text.
    var description: String { text }
}
