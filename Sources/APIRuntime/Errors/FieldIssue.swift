/// One problem with one field of a request: where (`body.orders[2].price`, `query.limit`)
/// and what. A request with issues is answered 400 `VALIDATION_ERROR` listing them all.
public struct FieldIssue: Sendable, Equatable, CustomStringConvertible {
    /// The field's path.
    public var field: String
    /// What is wrong with it.
    public var message: String

    public init(_ field: String, _ message: String) {
        self.field = field
        self.message = message
    }

    public var description: String { "\(field) \(message)" }
}
