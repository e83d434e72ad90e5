import Primitives

/// A value that reads itself from parsed JSON, recording every problem with its field path
/// instead of stopping at the first.
public protocol JSONDecodable {
    /// The decoded value, or nil after appending at least one issue.
    static func decode(_ json: JSONValue, at path: String, issues: inout [FieldIssue]) -> Self?
}
