/// One operation of openapi.yaml: how to call it (method, path template, parameters, body)
/// and the node its responses are read from.
struct SpecOperation: Sendable {
    /// The path-item keys that are HTTP methods, in the order OpenAPI lists them.
    static let methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"]

    /// The `operationId`.
    let id: String
    /// The HTTP method, upper case.
    let method: String
    /// The path with `{name}` placeholders, e.g. `/api/v1/users/{id}`.
    let pathTemplate: String
    /// The operation object.
    let node: JSONInstance
    /// Where the operation object stands, as a JSON pointer.
    let pointer: String
    /// The parameters of the path item and the operation (the operation's win by name and place).
    let parameters: [SpecParameter]
    /// The request body object with its `$ref` resolved; nil when the operation takes none.
    let requestBody: JSONInstance?

    /// Reads the operation `node` (at `pointer`) of the path item `pathItem`, resolving its parameters and body in `document`.
    init(method: String, pathTemplate: String, node: JSONInstance, pointer: String, pathItem: JSONInstance, document: JSONInstance) throws {
        guard let id = node["operationId"]?.string else {
            throw SpecDocument.Problem(description: "\(method.uppercased()) \(pathTemplate) has no operationId")
        }
        self.id = id
        self.method = method.uppercased()
        self.pathTemplate = pathTemplate
        self.node = node
        self.pointer = pointer
        var parameters: [SpecParameter] = []
        let itemPointer = pointer.split(separator: "/").dropLast().joined(separator: "/")
        let shared = (pathItem["parameters"]?.array ?? []).enumerated().map { ($1, "\(itemPointer)/parameters/\($0)") }
        let own = (node["parameters"]?.array ?? []).enumerated().map { ($1, "\(pointer)/parameters/\($0)") }
        for (entry, location) in shared + own {
            let parameter = try SpecParameter(node: entry, pointer: location, document: document)
            parameters.removeAll { $0.name == parameter.name && $0.location == parameter.location }
            parameters.append(parameter)
        }
        self.parameters = parameters
        self.requestBody = try node["requestBody"].map { try SpecDocument.resolve($0, in: document) }
    }

    /// The JSON schema of the request body and where it stands; nil without a JSON body.
    var requestBodySchema: (schema: JSONInstance, pointer: String)? {
        guard let schema = requestBody?["content"]?["application/json"]?["schema"] else { return nil }
        let location = node["requestBody"]?["$ref"]?.string ?? pointer + "/requestBody"
        return (schema, location + "/content/application~1json/schema")
    }

    /// The status codes the operation documents, as written (`200`, `4XX`, `default`).
    var documentedStatuses: [String] {
        (node["responses"]?.object ?? [:]).keys.sorted()
    }
}
