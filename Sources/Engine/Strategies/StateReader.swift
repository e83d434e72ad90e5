import Primitives

/// A strategy's saved state read back (`restore(state:)`): an object with exactly the members
/// the type writes, each read by its kind. Anything else (a member missing, unknown or of
/// the wrong kind) throws a `StrategyError` naming it, so a damaged state never half-restores.
struct StateReader {
    private let members: [String: JSONValue]
    private let type: String

    /// Reads `state` of strategy type `type`, which must hold exactly `keys`.
    init(_ state: JSONValue, type: String, keys: [String]) throws(StrategyError) {
        guard case .object(let list) = state else {
            throw StrategyError("\(type) state must be an object, got \(state.kindName)")
        }
        self.type = type
        members = Dictionary(list.map { ($0.key, $0.value) }, uniquingKeysWith: { first, _ in first })
        guard members.count == list.count, Set(members.keys) == Set(keys) else {
            throw StrategyError("\(type) state must hold exactly \(keys.joined(separator: ", ")); got \(list.map(\.key).joined(separator: ", "))")
        }
    }

    /// A finite number.
    func number(_ key: String) throws(StrategyError) -> Double {
        guard case .number(let text) = members[key], let value = Double(text), value.isFinite else { throw wrong(key, "a number") }
        return value
    }

    /// A finite number or null.
    func optionalNumber(_ key: String) throws(StrategyError) -> Double? {
        if members[key] == .null { return nil }
        return try number(key)
    }

    /// A whole number.
    func integer(_ key: String) throws(StrategyError) -> Int {
        guard let value = members[key]?.integer else { throw wrong(key, "a whole number") }
        return value
    }

    /// A whole number or null.
    func optionalInteger(_ key: String) throws(StrategyError) -> Int? {
        if members[key] == .null { return nil }
        return try integer(key)
    }

    func bool(_ key: String) throws(StrategyError) -> Bool {
        guard case .bool(let value) = members[key] else { throw wrong(key, "true or false") }
        return value
    }

    func string(_ key: String) throws(StrategyError) -> String {
        guard case .string(let value) = members[key] else { throw wrong(key, "a string") }
        return value
    }

    /// A string or null.
    func optionalString(_ key: String) throws(StrategyError) -> String? {
        if members[key] == .null { return nil }
        return try string(key)
    }

    func array(_ key: String) throws(StrategyError) -> [JSONValue] {
        guard case .array(let items) = members[key] else { throw wrong(key, "an array") }
        return items
    }

    private func wrong(_ key: String, _ kind: String) -> StrategyError {
        StrategyError("\(type) state: \(key) must be \(kind), got \(members[key].map { $0 == .null ? "null" : $0.kindName } ?? "nothing")")
    }

    /// The `last_signal` member every state has: the reason of the last signal, or null.
    static func lastSignal(_ reason: String?) -> JSONMember {
        JSONMember("last_signal", reason.map { .string($0) } ?? .null)
    }
}
