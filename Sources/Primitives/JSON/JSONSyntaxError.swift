/// Why a body is not JSON, with the byte offset where reading stopped.
public struct JSONSyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The byte offset where reading stopped.
    public var offset: Int
    /// What was wrong there.
    public var reason: String
    /// Where reading stopped in the document's structure: the members and elements leading
    /// from the root to the value that was being read (empty at the top level).
    public var location: [JSONPathComponent] = []
    /// For an object that names a member twice (refused by `rejectsDuplicateKeys`): that
    /// name. The object is at `location`.
    public var duplicateMember: String?

    public var description: String { "malformed JSON at byte \(offset): \(reason)" }

    /// The path of the member named twice, from `root` (`body.config.period`); nil for other errors.
    public func duplicateMemberPath(from root: String) -> String? {
        duplicateMember.map { JSONPathComponent.path(location + [.member($0)], from: root) }
    }

    /// The same error, seen from the value that contains `component`.
    func inside(_ component: JSONPathComponent) -> JSONSyntaxError {
        var outer = self
        outer.location.insert(component, at: 0)
        return outer
    }
}
