/// A value that can be read from the text of a path or query parameter.
public protocol ParameterDecodable {
    /// The decoded value, or nil after appending an issue.
    static func decode(parameter text: String, at path: String, issues: inout [FieldIssue]) -> Self?
}

extension String: ParameterDecodable {
    /// The text as it is, unless it holds U+0000 (`%00`), which no database column can keep
    /// the same on both backends (see `JSONParser.Options.rejectsNullCharacters`).
    public static func decode(parameter text: String, at path: String, issues: inout [FieldIssue]) -> String? {
        guard !text.utf8.contains(0) else {
            issues.append(FieldIssue(path, "must not contain U+0000"))
            return nil
        }
        return text
    }
}

extension Int: ParameterDecodable {
    public static func decode(parameter text: String, at path: String, issues: inout [FieldIssue]) -> Int? {
        if let value = Int(text) { return value }
        issues.append(FieldIssue(path, "must be an integer"))
        return nil
    }
}

extension Double: ParameterDecodable {
    public static func decode(parameter text: String, at path: String, issues: inout [FieldIssue]) -> Double? {
        if text.utf8.allSatisfy({ "0123456789+-.eE".utf8.contains($0) }), let value = Double(text), value.isFinite {
            return value
        }
        issues.append(FieldIssue(path, "must be a number"))
        return nil
    }
}

extension Bool: ParameterDecodable {
    public static func decode(parameter text: String, at path: String, issues: inout [FieldIssue]) -> Bool? {
        switch text {
        case "true": return true
        case "false": return false
        default:
            issues.append(FieldIssue(path, "must be true or false"))
            return nil
        }
    }
}

extension ParameterDecodable where Self: RawRepresentable, Self.RawValue == String, Self: CaseIterable {
    public static func decode(parameter text: String, at path: String, issues: inout [FieldIssue]) -> Self? {
        if let value = Self(rawValue: text) { return value }
        issues.append(FieldIssue(path, "must be one of " + allCases.map(\.rawValue).joined(separator: ", ")))
        return nil
    }
}
