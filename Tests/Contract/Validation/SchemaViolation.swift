/// One way an instance breaks its schema: where in the instance (a JSON path such as
/// `$.users[0].role`), which schema said so (a JSON pointer into openapi.yaml), and what is wrong.
struct SchemaViolation: Equatable, Sendable, CustomStringConvertible {
    /// Where in the instance, `$` being the instance itself.
    let path: String
    /// The schema (or response object) that refused it.
    let schemaPointer: String
    /// What is wrong, in a sentence.
    let message: String

    var description: String { "\(path): \(message) (\(schemaPointer))" }

    /// `path` extended by an object member: `.name`, or `["a b"]` for names that are not identifiers.
    static func member(_ path: String, _ name: String) -> String {
        let identifier = name.first.map { $0.isLetter || $0 == "_" } == true && name.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" }
        return identifier ? "\(path).\(name)" : "\(path)[\(JSONInstance.string(name).text)]"
    }

    /// `path` extended by an array index.
    static func element(_ path: String, _ index: Int) -> String {
        "\(path)[\(index)]"
    }
}
