/// A response or message that breaks openapi.yaml, with everything needed to see why: the
/// exchange, what came back, and each violation with its path.
struct ContractViolation: Error, CustomStringConvertible {
    /// The request or message exchange, e.g. `POST /api/v1/users (createUser)`.
    let exchange: String
    /// What the server sent, shortened.
    let received: String
    /// Every violation found.
    let violations: [SchemaViolation]

    var description: String {
        "\(exchange) breaks openapi.yaml:\n" + violations.map { "  - \($0)" }.joined(separator: "\n") + "\n  received: \(received)"
    }
}
