import Primitives

/// One setting of a strategy type's configuration: its name, kind, range, default and the
/// other names it is accepted under (document A's `grid_spacing_pct` for `spacing_pct`).
public struct ConfigField: Sendable {
    public enum Kind: Sendable, Equatable {
        /// A number within `minimum...maximum` (either end open when nil).
        case number(minimum: Double?, maximum: Double?)
        /// A whole number within `minimum...maximum`.
        case integer(minimum: Int?, maximum: Int?)
        case boolean
        /// One of `choices`.
        case choice([String])
        /// A list of numbers, each within `minimum...maximum`, `count` long when given (one a
        /// symbol, say); nil entries of `count` mean any length of at least one.
        case numbers(minimum: Double?, maximum: Double?)
    }

    public let name: String
    public let kind: Kind
    public let defaultValue: ConfigValue
    public let description: String
    public let aliases: [String]

    public init(_ name: String, _ kind: Kind, default defaultValue: ConfigValue, _ description: String, aliases: [String] = []) {
        self.name = name
        self.kind = kind
        self.defaultValue = defaultValue
        self.description = description
        self.aliases = aliases
    }

    public static func number(_ name: String, _ defaultValue: Double, min: Double? = nil, max: Double? = nil, _ description: String,
                              aliases: [String] = []) -> ConfigField {
        ConfigField(name, .number(minimum: min, maximum: max), default: .number(defaultValue), description, aliases: aliases)
    }

    public static func integer(_ name: String, _ defaultValue: Int, min: Int? = nil, max: Int? = nil, _ description: String,
                               aliases: [String] = []) -> ConfigField {
        ConfigField(name, .integer(minimum: min, maximum: max), default: .integer(defaultValue), description, aliases: aliases)
    }

    public static func boolean(_ name: String, _ defaultValue: Bool, _ description: String) -> ConfigField {
        ConfigField(name, .boolean, default: .boolean(defaultValue), description)
    }

    public static func choice(_ name: String, _ defaultValue: String, _ choices: [String], _ description: String) -> ConfigField {
        ConfigField(name, .choice(choices), default: .choice(defaultValue), description)
    }

    public static func numbers(_ name: String, _ defaultValue: [Double], min: Double? = nil, max: Double? = nil,
                               _ description: String) -> ConfigField {
        ConfigField(name, .numbers(minimum: min, maximum: max), default: .numbers(defaultValue), description)
    }

    /// `value` checked against the field: the value, or why not (a rule a user can read).
    func check(_ value: JSONValue) -> Result<ConfigValue, ConfigError> {
        switch kind {
        case .number(let minimum, let maximum):
            guard case .number(let text) = value, let number = Double(text), number.isFinite else {
                return .failure(ConfigError(field: name, rule: "must be a number, got \(value.kindName)"))
            }
            if let problem = Self.range(number, minimum, maximum) { return .failure(ConfigError(field: name, rule: problem)) }
            return .success(.number(number))
        case .integer(let minimum, let maximum):
            guard let integer = value.integer else {
                return .failure(ConfigError(field: name, rule: "must be a whole number, got \(Self.describe(value))"))
            }
            if let problem = Self.range(Double(integer), minimum.map(Double.init), maximum.map(Double.init)) {
                return .failure(ConfigError(field: name, rule: problem))
            }
            return .success(.integer(integer))
        case .boolean:
            guard case .bool(let flag) = value else {
                return .failure(ConfigError(field: name, rule: "must be true or false, got \(value.kindName)"))
            }
            return .success(.boolean(flag))
        case .choice(let choices):
            guard case .string(let text) = value, choices.contains(text) else {
                return .failure(ConfigError(field: name, rule: "must be one of \(choices.joined(separator: ", "))"))
            }
            return .success(.choice(text))
        case .numbers(let minimum, let maximum):
            guard case .array(let items) = value, !items.isEmpty else {
                return .failure(ConfigError(field: name, rule: "must be a non-empty array of numbers"))
            }
            var numbers: [Double] = []
            for (index, item) in items.enumerated() {
                guard case .number(let text) = item, let number = Double(text), number.isFinite else {
                    return .failure(ConfigError(field: "\(name)[\(index)]", rule: "must be a number, got \(item.kindName)"))
                }
                if let problem = Self.range(number, minimum, maximum) {
                    return .failure(ConfigError(field: "\(name)[\(index)]", rule: problem))
                }
                numbers.append(number)
            }
            return .success(.numbers(numbers))
        }
    }

    private static func range(_ value: Double, _ minimum: Double?, _ maximum: Double?) -> String? {
        switch (minimum, maximum) {
        case let (low?, high?) where !(low...high).contains(value):
            return "must be from \(ConfigValue.number(low).text) to \(ConfigValue.number(high).text)"
        case let (low?, nil) where value < low: return "must be at least \(ConfigValue.number(low).text)"
        case let (nil, high?) where value > high: return "must be at most \(ConfigValue.number(high).text)"
        default: return nil
        }
    }

    private static func describe(_ value: JSONValue) -> String {
        if case .number(let text) = value { return text }
        return value.kindName
    }

    /// The field's JSON Schema (`GET /strategies/types`).
    var schema: JSONValue {
        var members: [JSONMember] = []
        switch kind {
        case .number(let minimum, let maximum):
            members.append(JSONMember("type", .string("number")))
            if let minimum { members.append(JSONMember("minimum", ConfigValue.number(minimum).json)) }
            if let maximum { members.append(JSONMember("maximum", ConfigValue.number(maximum).json)) }
        case .integer(let minimum, let maximum):
            members.append(JSONMember("type", .string("integer")))
            if let minimum { members.append(JSONMember("minimum", .number(String(minimum)))) }
            if let maximum { members.append(JSONMember("maximum", .number(String(maximum)))) }
        case .boolean:
            members.append(JSONMember("type", .string("boolean")))
        case .choice(let choices):
            members.append(JSONMember("type", .string("string")))
            members.append(JSONMember("enum", .array(choices.map { .string($0) })))
        case .numbers(let minimum, let maximum):
            var item: [JSONMember] = [JSONMember("type", .string("number"))]
            if let minimum { item.append(JSONMember("minimum", ConfigValue.number(minimum).json)) }
            if let maximum { item.append(JSONMember("maximum", ConfigValue.number(maximum).json)) }
            members.append(JSONMember("type", .string("array")))
            members.append(JSONMember("items", .object(item)))
            members.append(JSONMember("minItems", .number("1")))
        }
        members.append(JSONMember("default", defaultValue.json))
        members.append(JSONMember("description", .string(description + (aliases.isEmpty ? "" : " Also accepted as \(aliases.joined(separator: ", ")).")))) 
        return .object(members)
    }
}
