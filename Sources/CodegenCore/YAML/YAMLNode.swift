/// A node of a parsed YAML document with aliases already expanded.
public struct YAMLNode: Sendable, Equatable {
    /// The three YAML node kinds.
    public indirect enum Kind: Sendable, Equatable {
        case scalar(String, ScalarStyle)
        case sequence([YAMLNode])
        case mapping([YAMLPair])
    }

    /// What the node holds.
    public var kind: Kind
    /// Where the node starts.
    public var location: SourceLocation

    /// Creates a node.
    public init(_ kind: Kind, at location: SourceLocation) {
        self.kind = kind
        self.location = location
    }
}

extension YAMLNode {
    /// The scalar text, whatever its style.
    public var scalarText: String? {
        if case .scalar(let text, _) = kind { return text }
        return nil
    }

    /// The value as a string: quoted or block scalars, and plain scalars that YAML 1.2's core
    /// schema does not resolve to null, a boolean or a number.
    public var string: String? {
        guard case .scalar(let text, let style) = kind else { return nil }
        if style != .plain { return text }
        if isNull || bool != nil || int != nil || double != nil { return nil }
        return text
    }

    /// True for a plain `null`, `~` or empty scalar.
    public var isNull: Bool {
        guard case .scalar(let text, .plain) = kind else { return false }
        return text.isEmpty || text == "~" || text == "null" || text == "Null" || text == "NULL"
    }

    /// A plain `true` or `false` (core schema spellings).
    public var bool: Bool? {
        guard case .scalar(let text, .plain) = kind else { return nil }
        switch text {
        case "true", "True", "TRUE": return true
        case "false", "False", "FALSE": return false
        default: return nil
        }
    }

    /// A plain integer (decimal, `0x` hex or `0o` octal, optional sign).
    public var int: Int? {
        guard case .scalar(let text, .plain) = kind, !text.isEmpty else { return nil }
        var digits = Substring(text)
        var negative = false
        if digits.first == "-" || digits.first == "+" {
            negative = digits.first == "-"
            digits = digits.dropFirst()
        }
        var radix = 10
        if digits.hasPrefix("0x") { radix = 16; digits = digits.dropFirst(2) }
        else if digits.hasPrefix("0o") { radix = 8; digits = digits.dropFirst(2) }
        guard !digits.isEmpty, digits.allSatisfy({ $0 != "_" }), let magnitude = Int(digits, radix: radix) else {
            return nil
        }
        return negative ? -magnitude : magnitude
    }

    /// A plain floating-point number (also accepts integers, `.inf` and `.nan`).
    public var double: Double? {
        guard case .scalar(let text, .plain) = kind, !text.isEmpty else { return nil }
        switch text {
        case ".inf", ".Inf", ".INF", "+.inf": return .infinity
        case "-.inf", "-.Inf", "-.INF": return -.infinity
        case ".nan", ".NaN", ".NAN": return .nan
        default: break
        }
        guard text.allSatisfy({ "0123456789+-.eE".contains($0) }) else { return nil }
        return Double(text)
    }

    /// The entries of a mapping, in document order.
    public var mapping: [YAMLPair]? {
        if case .mapping(let pairs) = kind { return pairs }
        return nil
    }

    /// The items of a sequence.
    public var sequence: [YAMLNode]? {
        if case .sequence(let items) = kind { return items }
        return nil
    }

    /// The value stored under a scalar key, when this node is a mapping.
    public subscript(key: String) -> YAMLNode? {
        mapping?.first(where: { $0.key.scalarText == key })?.value
    }
}
