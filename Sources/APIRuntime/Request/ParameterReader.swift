/// Reads typed parameters out of a request for a generated input decoder.
public enum ParameterReader {
    /// A single-valued parameter; `text` is nil when absent.
    public static func value<Value: ParameterDecodable>(
        _ text: String?, required: Bool, at path: String, issues: inout [FieldIssue]
    ) -> Value? {
        guard let text else {
            if required { issues.append(FieldIssue(path, "is required")) }
            return nil
        }
        return Value.decode(parameter: text, at: path, issues: &issues)
    }

    /// An array parameter: comma-separated in one value, or repeated.
    public static func list<Element: ParameterDecodable>(
        _ texts: [String], commaSeparated: Bool, required: Bool, at path: String, issues: inout [FieldIssue]
    ) -> [Element]? {
        guard !texts.isEmpty else {
            if required { issues.append(FieldIssue(path, "is required")) }
            return nil
        }
        let parts = commaSeparated
            ? texts.flatMap { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
            : texts
        var result: [Element] = []
        var failed = false
        for (index, part) in parts.enumerated() {
            if let value = Element.decode(parameter: part, at: "\(path)[\(index)]", issues: &issues) {
                result.append(value)
            } else {
                failed = true
            }
        }
        return failed ? nil : result
    }
}
