/// A response that has passed the spec's checks, with its JSON body parsed.
struct ContractResponse {
    /// The raw response.
    let message: HTTPResponseMessage
    /// The parsed body when it is JSON; nil otherwise.
    let json: JSONInstance?

    /// The status code.
    var status: Int { message.status }

    /// The `code` of an error body (`ErrorResponse`).
    var errorCode: String? { json?["code"]?.string }

    /// The body's member `key` (`.null` when absent, so that chains read simply in assertions).
    subscript(key: String) -> JSONInstance {
        json?[key] ?? .null
    }

    /// The value of the first header field called `name`.
    func header(_ name: String) -> String? {
        message.header(name)
    }
}
