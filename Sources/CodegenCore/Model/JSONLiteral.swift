import Primitives

/// A JSON value taken from the spec: an example, a default, or the whole document
/// re-encoded as JSON. Object keys keep their document order.
public indirect enum JSONLiteral: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case array([JSONLiteral])
    case object([(String, JSONLiteral)])

    public static func == (lhs: JSONLiteral, rhs: JSONLiteral) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case (.bool(let a), .bool(let b)): return a == b
        case (.int(let a), .int(let b)): return a == b
        case (.double(let a), .double(let b)): return a == b
        case (.string(let a), .string(let b)): return a == b
        case (.array(let a), .array(let b)): return a == b
        case (.object(let a), .object(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: return false
        }
    }
}

extension JSONLiteral {
    /// Converts a YAML node with YAML 1.2 core-schema resolution of plain scalars.
    public init(_ node: YAMLNode) {
        switch node.kind {
        case .scalar(let text, let style):
            if style != .plain { self = .string(text) }
            else if node.isNull { self = .null }
            else if let bool = node.bool { self = .bool(bool) }
            else if let int = node.int { self = .int(int) }
            else if let double = node.double, double.isFinite { self = .double(double) }
            else { self = .string(text) }
        case .sequence(let items):
            self = .array(items.map(JSONLiteral.init))
        case .mapping(let pairs):
            self = .object(pairs.map { ($0.key.scalarText ?? "", JSONLiteral($0.value)) })
        }
    }

    /// Compact JSON text, keys in document order.
    public var jsonText: String {
        var out = ""
        write(to: &out)
        return out
    }

    private func write(to out: inout String) {
        switch self {
        case .null: out += "null"
        case .bool(let value): out += value ? "true" : "false"
        case .int(let value): out += String(value)
        case .double(let value):
            out += value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) + ".0" : String(value)
        case .string(let value): out += JSONLiteral.quoted(value)
        case .array(let items):
            out += "["
            for (index, item) in items.enumerated() {
                if index > 0 { out += "," }
                item.write(to: &out)
            }
            out += "]"
        case .object(let pairs):
            out += "{"
            for (index, pair) in pairs.enumerated() {
                if index > 0 { out += "," }
                out += JSONLiteral.quoted(pair.0)
                out += ":"
                pair.1.write(to: &out)
            }
            out += "}"
        }
    }

    /// A JSON string literal for `text`, escaping quotes, backslashes and control characters.
    public static func quoted(_ text: String) -> String {
        JSONWriter.quoted(text)
    }
}
