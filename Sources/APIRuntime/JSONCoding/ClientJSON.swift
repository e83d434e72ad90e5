import Primitives

/// JSON a client sent (a request body, a WebSocket message), parsed with the standard
/// options: nesting up to 128 and no member named twice in one object. A failure becomes one
/// field issue: a repeated member is named by its path (`body.username`,
/// `message.channels`), anything else is reported at the root.
public enum ClientJSON {
    /// The parsed document, or nil after appending one issue.
    public static func parse(_ bytes: [UInt8], at root: String, issues: inout [FieldIssue]) -> JSONValue? {
        do {
            return try JSONParser.parse(bytes, options: .standard)
        } catch {
            if let path = error.duplicateMemberPath(from: root) {
                issues.append(FieldIssue(path, "is given more than once"))
            } else {
                issues.append(FieldIssue(root, error.description))
            }
            return nil
        }
    }
}
