/// The request of an operation that passes validation, built from the spec alone: the spec's
/// examples (or minimal samples) for its path parameters, its required query parameters and its
/// required body. The 501 meta-test sends it so that a request reaches its handler; the shared
/// refusals (`MatrixContract`) spoil it in the one way each refusal is about.
struct MinimalRequest {
    var path: [String: String] = [:]
    var query: [(String, String)] = []
    var body: [UInt8]?

    init(_ operation: SpecOperation, in spec: SpecDocument) throws {
        let samples = SchemaSample(document: spec.root)
        for parameter in operation.parameters where parameter.required {
            let value = try samples.minimal(parameter.schema, at: parameter.schemaPointer, example: parameter.example)
            switch parameter.location {
            case "path": path[parameter.name] = parameter.serialized(value).first
            case "query": query += parameter.serialized(value).map { (parameter.name, $0) }
            default: throw SpecDocument.Problem(description: "required \(parameter.location) parameters are not supported")
            }
        }
        if operation.requestBody?["required"]?.bool == true, let schema = operation.requestBodySchema {
            body = Array(try samples.minimal(schema.schema, at: schema.pointer).text.utf8)
        }
    }

    /// Sends it to `operation` with `client`'s credentials, without judging the answer.
    func send(_ operation: SpecOperation, with client: ContractClient) throws -> (request: HTTPRequestMessage, message: HTTPResponseMessage) {
        try client.send(operation, path: path, query: query, body: body)
    }
}
