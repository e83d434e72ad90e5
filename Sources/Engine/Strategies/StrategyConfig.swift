import Primitives

/// A strategy instance's configuration, checked against its type's schema: every field of
/// the schema has a value (the default when not given). Read by name with the typed getters;
/// a name the schema lacks is a programming error and reads the zero value.
public struct StrategyConfig: Sendable, Equatable {
    public private(set) var values: [String: ConfigValue]
    /// The order of the schema's fields, for `json`.
    private let order: [String]

    init(values: [String: ConfigValue], order: [String]) {
        self.values = values
        self.order = order
    }

    public func number(_ name: String) -> Double {
        switch values[name] {
        case .number(let value): return value
        case .integer(let value): return Double(value)
        default: return 0
        }
    }

    public func integer(_ name: String) -> Int {
        if case .integer(let value) = values[name] { return value }
        return 0
    }

    public func bool(_ name: String) -> Bool {
        if case .boolean(let value) = values[name] { return value }
        return false
    }

    public func choice(_ name: String) -> String {
        if case .choice(let value) = values[name] { return value }
        return ""
    }

    public func numbers(_ name: String) -> [Double] {
        if case .numbers(let value) = values[name] { return value }
        return []
    }

    /// The configuration as a JSON object, fields in the schema's order (canonical names).
    public var json: JSONValue {
        .object(order.compactMap { name in values[name].map { JSONMember(name, $0.json) } })
    }
}

/// A strategy type's configuration schema: its fields, then the risk limits every type has.
public struct ConfigSchema: Sendable {
    public let fields: [ConfigField]

    public init(_ fields: [ConfigField]) {
        self.fields = fields + Self.common
    }

    /// Settings every strategy has: the candles it decides on and its risk limits.
    public static let common: [ConfigField] = [
        .choice("timeframe", "1m", CandleInterval.allCases.map(\.rawValue), "The candles the strategy decides on (closed candles of this interval)."),
        .number("max_position_pct", 50, min: 0.1, max: 100,
                "Risk: the strategy's positions may hold at most this share of the quote asset's total balance, at cost; a buy beyond it is refused."),
        .integer("max_open_orders", 50, min: 1, max: 500, "Risk: at most this many of the strategy's orders may be open at once."),
        .number("daily_loss_limit_pct", 5, min: 0.1, max: 100,
                "Risk: once the strategy has lost this share of the quote asset's total balance since 00:00 UTC, orders that add to a position are refused until the next day."),
    ]

    /// The defaults of every field.
    public var defaults: StrategyConfig {
        StrategyConfig(values: Dictionary(uniqueKeysWithValues: fields.map { ($0.name, $0.defaultValue) }), order: fields.map(\.name))
    }

    /// `json` (an object; names or their aliases) checked over `base` (the defaults when
    /// nil): the configuration, or the first field that breaks a rule. `path` prefixes the
    /// field in the error (`body.config`).
    public func validate(_ json: JSONValue, over base: StrategyConfig? = nil, path: String = "body.config")
        -> Result<StrategyConfig, ConfigError> {
        guard case .object(let members) = json else {
            return .failure(ConfigError(field: path, rule: "must be an object"))
        }
        var values = (base ?? defaults).values
        var seen: Set<String> = []
        for member in members {
            guard let field = fields.first(where: { $0.name == member.key || $0.aliases.contains(member.key) }) else {
                let names = fields.map(\.name).joined(separator: ", ")
                return .failure(ConfigError(field: "\(path).\(member.key)", rule: "is not a setting of this strategy type (settings: \(names))"))
            }
            guard seen.insert(field.name).inserted else {
                return .failure(ConfigError(field: "\(path).\(member.key)", rule: "sets \(field.name) a second time"))
            }
            switch field.check(member.value) {
            case .success(let value): values[field.name] = value
            case .failure(let error): return .failure(ConfigError(field: "\(path).\(member.key == field.name ? error.field : member.key)", rule: error.rule))
            }
        }
        return .success(StrategyConfig(values: values, order: fields.map(\.name)))
    }

    /// The JSON Schema of the configuration.
    public var jsonSchema: JSONValue {
        .object([
            JSONMember("type", .string("object")),
            JSONMember("properties", .object(fields.map { JSONMember($0.name, $0.schema) })),
            JSONMember("additionalProperties", .bool(false)),
        ])
    }
}
