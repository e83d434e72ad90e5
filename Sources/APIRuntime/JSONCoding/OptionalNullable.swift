import Primitives

/// A member that a schema makes both optional and nullable, with its three states kept apart:
/// left out, `null`, or a value. A PATCH body needs the difference (JSON Merge Patch, RFC 7396):
/// a member left out leaves its field alone, `null` clears it. The generator gives every
/// optional, nullable member without a default this type.
public enum OptionalNullable<Value> {
    /// The member is not in the object.
    case absent
    /// The member is `null`.
    case null
    /// The member holds a value.
    case value(Value)

    /// The value, nil when absent or null.
    public var value: Value? {
        if case .value(let value) = self { return value }
        return nil
    }

    /// True unless the member is left out.
    public var isPresent: Bool {
        if case .absent = self { return false }
        return true
    }
}

extension OptionalNullable: Sendable where Value: Sendable {}

extension OptionalNullable: Equatable where Value: Equatable {}

extension OptionalNullable: JSONEncodable where Value: JSONEncodable {
    /// `null` or the value; an absent member writes `null` too, so callers test `isPresent`
    /// before writing its key.
    public func encode(to writer: inout JSONWriter) {
        if case .value(let value) = self { value.encode(to: &writer) } else { writer.null() }
    }
}

extension JSONObjectReader {
    /// Decodes member `key` of an optional, nullable member: `.absent` when the object lacks it,
    /// `.null` for `null`, nil (after recording an issue) for an invalid value.
    public func optionalNullable<Value: JSONDecodable>(_ key: String, issues: inout [FieldIssue]) -> OptionalNullable<Value>? {
        guard let member = members.first(where: { $0.key == key }) else { return .absent }
        if case .null = member.value { return .null }
        return Value.decode(member.value, at: path(of: key), issues: &issues).map { .value($0) }
    }
}
