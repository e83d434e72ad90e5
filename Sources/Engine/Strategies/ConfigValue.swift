import Primitives

/// A checked configuration value.
public enum ConfigValue: Sendable, Equatable {
    case number(Double)
    case integer(Int)
    case boolean(Bool)
    case choice(String)
    case numbers([Double])

    /// The value as JSON (numbers in their shortest form: `0.2`, `5`).
    public var json: JSONValue {
        switch self {
        case .number: return .number(text)
        case .integer(let value): return .number(String(value))
        case .boolean(let value): return .bool(value)
        case .choice(let value): return .string(value)
        case .numbers(let values): return .array(values.map { ConfigValue.number($0).json })
        }
    }

    /// A number written shortest: whole numbers without a fraction (`5`, not `5.0`).
    var text: String {
        guard case .number(let value) = self else { return "" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String(value)
    }
}

/// Why a configuration was refused: the field (`body.config.levels`) and the rule it broke.
public struct ConfigError: Error, Sendable, Equatable {
    public let field: String
    public let rule: String

    public init(field: String, rule: String) {
        self.field = field
        self.rule = rule
    }
}
