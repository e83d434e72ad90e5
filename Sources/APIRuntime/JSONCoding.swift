import Primitives

/// A value that writes itself as JSON.
public protocol JSONEncodable {
    /// Appends the value's JSON to `writer`.
    func encode(to writer: inout JSONWriter)
}

/// A value that reads itself from parsed JSON, recording every problem with its field path
/// instead of stopping at the first.
public protocol JSONDecodable {
    /// The decoded value, or nil after appending at least one issue.
    static func decode(_ json: JSONValue, at path: String, issues: inout [FieldIssue]) -> Self?
}

/// Both directions.
public typealias JSONCodable = JSONEncodable & JSONDecodable

extension String: JSONCodable {
    public func encode(to writer: inout JSONWriter) { writer.string(self) }

    public static func decode(_ json: JSONValue, at path: String, issues: inout [FieldIssue]) -> String? {
        if case .string(let value) = json { return value }
        issues.append(FieldIssue(path, "must be a string, not \(json.kindName)"))
        return nil
    }
}

extension Int: JSONCodable {
    public func encode(to writer: inout JSONWriter) { writer.int(self) }

    public static func decode(_ json: JSONValue, at path: String, issues: inout [FieldIssue]) -> Int? {
        if case .number(let text) = json {
            if let value = Int(text) { return value }
            // 1e3 and 2.0 are integers too.
            if let value = Double(text), value == value.rounded(), abs(value) < 9.0e15 { return Int(value) }
        }
        issues.append(FieldIssue(path, "must be an integer, not \(json.kindName)"))
        return nil
    }
}

extension Double: JSONCodable {
    public func encode(to writer: inout JSONWriter) { writer.double(self) }

    public static func decode(_ json: JSONValue, at path: String, issues: inout [FieldIssue]) -> Double? {
        if case .number(let text) = json, let value = Double(text), value.isFinite { return value }
        issues.append(FieldIssue(path, "must be a number, not \(json.kindName)"))
        return nil
    }
}

extension Bool: JSONCodable {
    public func encode(to writer: inout JSONWriter) { writer.bool(self) }

    public static func decode(_ json: JSONValue, at path: String, issues: inout [FieldIssue]) -> Bool? {
        if case .bool(let value) = json { return value }
        issues.append(FieldIssue(path, "must be a boolean, not \(json.kindName)"))
        return nil
    }
}

extension Array: JSONEncodable where Element: JSONEncodable {
    public func encode(to writer: inout JSONWriter) {
        writer.beginArray()
        // Indexing encodes each element in place; `for item in self` would copy every element.
        for index in indices {
            writer.element()
            self[index].encode(to: &writer)
        }
        writer.endArray()
    }
}

extension Array: JSONDecodable where Element: JSONDecodable {
    public static func decode(_ json: JSONValue, at path: String, issues: inout [FieldIssue]) -> [Element]? {
        guard case .array(let items) = json else {
            issues.append(FieldIssue(path, "must be an array, not \(json.kindName)"))
            return nil
        }
        var result: [Element] = []
        result.reserveCapacity(items.count)
        var failed = false
        for (index, item) in items.enumerated() {
            if let value = Element.decode(item, at: "\(path)[\(index)]", issues: &issues) {
                result.append(value)
            } else {
                failed = true
            }
        }
        return failed ? nil : result
    }
}

extension Optional: JSONEncodable where Wrapped: JSONEncodable {
    /// `nil` is written as `null` (used for required nullable fields).
    public func encode(to writer: inout JSONWriter) {
        if let value = self { value.encode(to: &writer) } else { writer.null() }
    }
}

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

/// A string enumeration of the spec: generated enums adopt it and get JSON and parameter
/// coding from their raw values.
public protocol StringEnum: RawRepresentable, CaseIterable, Sendable, Equatable, JSONCodable, ParameterDecodable
where RawValue == String {}

extension StringEnum {
    public func encode(to writer: inout JSONWriter) { writer.string(rawValue) }

    public static func decode(_ json: JSONValue, at path: String, issues: inout [FieldIssue]) -> Self? {
        if case .string(let text) = json, let value = Self(rawValue: text) { return value }
        issues.append(FieldIssue(path, "must be one of " + allCases.map(\.rawValue).joined(separator: ", ")))
        return nil
    }
}

extension JSONWriter {
    /// Encodes one value to bytes. Starting at 1 KiB spares most responses any regrowth.
    public static func encode<Value: JSONEncodable>(_ value: Value) -> [UInt8] {
        var writer = JSONWriter(capacity: 1024)
        value.encode(to: &writer)
        return writer.bytes
    }
}
