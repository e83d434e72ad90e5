import Primitives

/// A JSON object with free keys and values of one type (`additionalProperties: {schema}`),
/// keeping insertion order so that responses list keys the way the caller asked for them.
public struct JSONMap<Value: Sendable>: Sendable {
    /// The entries in order; keys are unique.
    public private(set) var entries: [(key: String, value: Value)]

    /// An empty map.
    public init() { entries = [] }

    /// A map from ordered entries; a repeated key keeps its last value at its first place.
    public init(_ entries: [(String, Value)]) {
        self.entries = []
        for (key, value) in entries { self[key] = value }
    }

    /// The value under `key`; assigning nil removes the entry.
    public subscript(key: String) -> Value? {
        get { entries.first(where: { $0.key == key })?.value }
        set {
            let index = entries.firstIndex(where: { $0.key == key })
            switch (index, newValue) {
            case (let index?, let value?): entries[index].value = value
            case (let index?, nil): entries.remove(at: index)
            case (nil, let value?): entries.append((key, value))
            case (nil, nil): break
            }
        }
    }

    /// The keys in order.
    public var keys: [String] { entries.map(\.key) }

    /// The number of entries.
    public var count: Int { entries.count }
}

extension JSONMap: Equatable where Value: Equatable {
    public static func == (lhs: JSONMap, rhs: JSONMap) -> Bool {
        lhs.entries.elementsEqual(rhs.entries, by: { $0.key == $1.key && $0.value == $1.value })
    }
}

extension JSONMap: JSONEncodable where Value: JSONEncodable {
    public func encode(to writer: inout JSONWriter) {
        writer.beginObject()
        for entry in entries {
            writer.key(dynamic: entry.key)
            entry.value.encode(to: &writer)
        }
        writer.endObject()
    }
}

extension JSONMap: JSONDecodable where Value: JSONDecodable {
    public static func decode(_ json: JSONValue, at path: String, issues: inout [FieldIssue]) -> JSONMap? {
        guard let reader = JSONObjectReader.open(json, at: path, issues: &issues) else { return nil }
        var map = JSONMap()
        var failed = false
        for member in reader.members {
            if let value = Value.decode(member.value, at: reader.path(of: member.key), issues: &issues) {
                map[member.key] = value
            } else {
                failed = true
            }
        }
        return failed ? nil : map
    }
}
