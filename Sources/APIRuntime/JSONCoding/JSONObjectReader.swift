import Primitives

/// Reads the members of a JSON object for a generated decoder.
public struct JSONObjectReader {
    /// The object's members.
    public let members: [JSONMember]
    /// The object's own path, e.g. `body.config`.
    public let path: String

    /// Opens `json` as an object, or records an issue.
    public static func open(_ json: JSONValue, at path: String, issues: inout [FieldIssue]) -> JSONObjectReader? {
        guard case .object(let members) = json else {
            issues.append(FieldIssue(path, "must be an object, not \(json.kindName)"))
            return nil
        }
        return JSONObjectReader(members: members, path: path)
    }

    /// The path of a member.
    public func path(of key: String) -> String { path.isEmpty ? key : path + "." + key }

    /// Decodes member `key`. A missing required member, or a null where null is not allowed,
    /// is an issue; nil comes back for absent, null and invalid values alike.
    public func value<Value: JSONDecodable>(
        _ key: String, required: Bool, nullable: Bool = false, issues: inout [FieldIssue]
    ) -> Value? {
        guard let member = members.first(where: { $0.key == key }) else {
            if required { issues.append(FieldIssue(path(of: key), "is required")) }
            return nil
        }
        if case .null = member.value {
            if !nullable { issues.append(FieldIssue(path(of: key), "must not be null")) }
            return nil
        }
        return Value.decode(member.value, at: path(of: key), issues: &issues)
    }

    /// Checks that member `key` holds the string `constant` (discriminators and `const`).
    public func expectConstant(_ key: String, _ constant: String, issues: inout [FieldIssue]) {
        guard let member = members.first(where: { $0.key == key }) else {
            issues.append(FieldIssue(path(of: key), "is required"))
            return
        }
        if member.value != .string(constant) {
            issues.append(FieldIssue(path(of: key), "must be \"\(constant)\""))
        }
    }

    /// Records an issue for every member whose name is not in `known` (`additionalProperties: false`).
    public func rejectUnknown(_ known: Set<String>, issues: inout [FieldIssue]) {
        for member in members where !known.contains(member.key) {
            issues.append(FieldIssue(path(of: member.key), "is not a known field"))
        }
    }

    /// The string value of member `key`, if it is a string.
    public func string(_ key: String) -> String? {
        if case .string(let value)? = members.first(where: { $0.key == key })?.value { return value }
        return nil
    }
}

extension Optional: JSONDecodable where Wrapped: JSONDecodable {
    /// `null` decodes to `.some(nil)` (a nullable array element).
    public static func decode(_ json: JSONValue, at path: String, issues: inout [FieldIssue]) -> Wrapped?? {
        if case .null = json { return .some(nil) }
        return Wrapped.decode(json, at: path, issues: &issues).map { .some($0) }
    }
}
