import Primitives

/// A strategy's saved state read back for `restore(state:)`: the JSON object its `state`
/// wrote, each member read with its kind checked, so that a state the type did not write is
/// refused with the member and what is wrong with it instead of being half taken.
///
/// Prices and quantities are written as decimals in the symbol's units (`"97.00"`,
/// `"0.0500"`: what a trader reads) and come back as exact ticks and lots.
struct SavedState {
    /// Where the object sits, for errors: `magic_split state`, `magic_split state.stages[1]`.
    private let path: String
    private let members: [JSONMember]

    /// The object `json`, saved by a strategy of `type`, with no members but `keys`.
    init(_ json: JSONValue, type: String, keys: [String]) throws(StrategyError) {
        try self.init(json, path: "\(type) state", keys: keys)
    }

    private init(_ json: JSONValue, path: String, keys: [String]) throws(StrategyError) {
        guard case .object(let members) = json else { throw StrategyError("\(path) must be an object, got \(json.kindName)") }
        if let unknown = members.first(where: { !keys.contains($0.key) }) {
            throw StrategyError("\(path) has \(unknown.key), which is not part of it (\(keys.joined(separator: ", ")))")
        }
        self.path = path
        self.members = members
    }

    /// The reason of the last signal (`last_signal`: a string, or null before the first).
    var lastSignal: String? {
        get throws(StrategyError) {
            switch try value("last_signal") {
            case .null: return nil
            case .string(let text): return text
            case let other: throw mismatch("last_signal", "a string or null", other)
            }
        }
    }

    /// A finite number.
    func number(_ key: String) throws(StrategyError) -> Double {
        let json = try value(key)
        guard case .number(let text) = json, let number = Double(text), number.isFinite else {
            throw mismatch(key, "a finite number", json)
        }
        return number
    }

    /// A finite number, or nil for null.
    func optionalNumber(_ key: String) throws(StrategyError) -> Double? {
        try value(key) == .null ? nil : number(key)
    }

    /// A whole number, at least `minimum`.
    func integer(_ key: String, minimum: Int) throws(StrategyError) -> Int {
        let json = try value(key)
        guard let integer = json.integer, integer >= minimum else {
            throw mismatch(key, minimum == .min ? "a whole number" : "a whole number of at least \(minimum)", json)
        }
        return integer
    }

    /// A whole number.
    func integer(_ key: String) throws(StrategyError) -> Int {
        try integer(key, minimum: .min)
    }

    /// A whole number, or nil for null.
    func optionalInteger(_ key: String) throws(StrategyError) -> Int? {
        try value(key) == .null ? nil : integer(key)
    }

    func bool(_ key: String) throws(StrategyError) -> Bool {
        let json = try value(key)
        guard case .bool(let flag) = json else { throw mismatch(key, "true or false", json) }
        return flag
    }

    func string(_ key: String) throws(StrategyError) -> String {
        let json = try value(key)
        guard case .string(let text) = json else { throw mismatch(key, "a string", json) }
        return text
    }

    /// A string, or nil for null.
    func optionalString(_ key: String) throws(StrategyError) -> String? {
        try value(key) == .null ? nil : string(key)
    }

    /// An array of any values.
    func array(_ key: String) throws(StrategyError) -> [JSONValue] {
        let json = try value(key)
        guard case .array(let items) = json else { throw mismatch(key, "an array", json) }
        return items
    }

    /// A price of `spec` written as a decimal, in ticks (at least one); nil when null.
    func price(_ key: String, _ spec: SymbolSpec) throws(StrategyError) -> Int64? {
        try units(key, spec.prices, what: "a positive price with at most \(spec.prices.digits) decimals")
    }

    /// A quantity of `spec` written as a decimal, in lots (at least one); nil when null.
    func quantity(_ key: String, _ spec: SymbolSpec) throws(StrategyError) -> Int64? {
        try units(key, spec.quantities, what: "a positive quantity with at most \(spec.quantities.digits) decimals")
    }

    /// An array of objects, each read like this one, with no members but `keys`.
    func objects(_ key: String, keys: [String]) throws(StrategyError) -> [SavedState] {
        let json = try value(key)
        guard case .array(let items) = json else { throw mismatch(key, "an array", json) }
        var objects: [SavedState] = []
        for (index, item) in items.enumerated() {
            objects.append(try SavedState(item, path: "\(path).\(key)[\(index)]", keys: keys))
        }
        return objects
    }

    /// `ticks` of `spec` as the decimal JSON number `price` reads back.
    static func price(_ ticks: Int64?, _ spec: SymbolSpec) -> JSONValue {
        ticks.map { .number(spec.prices.decimal($0).description) } ?? .null
    }

    /// `lots` of `spec` as the decimal JSON number `quantity` reads back.
    static func quantity(_ lots: Int64, _ spec: SymbolSpec) -> JSONValue {
        .number(spec.quantities.decimal(lots).description)
    }

    /// The reason of the last signal, as `lastSignal` reads it back.
    static func lastSignal(_ reason: String?) -> JSONMember {
        JSONMember("last_signal", reason.map { .string($0) } ?? .null)
    }

    private func units(_ key: String, _ scale: UnitScale, what: String) throws(StrategyError) -> Int64? {
        let json = try value(key)
        if json == .null { return nil }
        guard case .number(let text) = json, let decimal = ExactDecimal(text), decimal.scale <= scale.digits,
              let units = scale.units(decimal), units >= 1 else {
            throw mismatch(key, what, json)
        }
        return units
    }

    private func value(_ key: String) throws(StrategyError) -> JSONValue {
        guard let member = members.first(where: { $0.key == key }) else { throw StrategyError("\(path) lacks \(key)") }
        return member.value
    }

    private func mismatch(_ key: String, _ expected: String, _ json: JSONValue) -> StrategyError {
        if case .number(let text) = json { return StrategyError("\(path).\(key) must be \(expected), got \(text)") }
        return StrategyError("\(path).\(key) must be \(expected), got \(json.kindName)")
    }
}
