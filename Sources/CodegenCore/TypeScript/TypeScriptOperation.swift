/// An operation as the TypeScript client presents it: a method name, a parameters
/// interface, a body type and a result.
struct TypeScriptOperation {
    /// How the method reads the success response.
    enum Result: Equatable {
        /// `response.json()` as the given type.
        case json(String)
        /// `response.text()`: YAML, HTML, plain text.
        case text
        /// `response.blob()`: any other media type.
        case blob
        /// No body.
        case none
    }

    /// How the method sends the request body.
    enum BodyEncoding: Equatable {
        case json
        /// Sent as it is (text, or a `BodyInit` for other media types).
        case raw
    }

    let operation: Operation
    /// The method name: the lowerCamelCase operationId.
    let methodName: String
    /// The parameters interface, nil when the operation takes no parameters.
    let paramsTypeName: String?
    /// Path, query and header parameters (credential headers left out), in spec order.
    let parameters: [Parameter]
    let bodyType: String?
    let bodyEncoding: BodyEncoding
    let result: Result
    /// Error statuses whose documented JSON body is not the error schema (readiness' 503):
    /// their bodies are results, returned rather than thrown.
    let acceptedStatuses: [Int]
    /// The declarations the method's signature and body refer to.
    let referencedTypes: [String]

    /// Member names of the client class that an operation method may not take.
    static let clientMemberNames: Set<String> = [
        "constructor", "accessToken", "setTokens", "setApiKey", "freshAccessToken", "baseUrl", "fetchFunction",
        "credentials", "tokenListener", "sessionListener", "pendingRefresh", "endedSession", "storeTokens",
        "forgetTokens", "renewSession", "exchangeRefreshToken", "endSession", "execute", "attempt", "read",
    ]

    /// Headers that carry credentials; the client sets them itself.
    static func isCredentialHeader(_ parameter: Parameter) -> Bool {
        parameter.location == .header && ["authorization", "x-api-key"].contains(parameter.name.lowercased())
    }

    init(operation: Operation, methodName: String, paramsTypeName: String?, parameters: [Parameter],
         context: TypeScriptContext) {
        self.operation = operation
        self.methodName = methodName
        self.paramsTypeName = paramsTypeName
        self.parameters = parameters
        var referenced: [String] = paramsTypeName.map { [$0] } ?? []
        if let body = operation.requestBody {
            let isJSON = body.contentType.lowercased().contains("json")
            bodyEncoding = isJSON ? .json : .raw
            if isJSON || Self.isText(body.contentType) {
                bodyType = context.expression(body.schema)
                referenced += context.referencedTypes(body.schema)
            } else {
                bodyType = "BodyInit"
            }
        } else {
            bodyType = nil
            bodyEncoding = .json
        }
        let success = operation.responses.first { (200..<300).contains($0.status) && $0.contentType != nil }
        let accepted = operation.responses.filter { response in
            !(200..<300).contains(response.status) && !response.isError && response.schema != nil
                && response.contentType?.lowercased().contains("json") == true
        }
        acceptedStatuses = accepted.map(\.status)
        switch success {
        case let response? where response.contentType!.lowercased().contains("json"):
            if let schema = response.schema {
                var types: [String] = []
                for schema in [schema] + accepted.compactMap(\.schema) {
                    let type = context.expression(schema)
                    if !types.contains(type) { types.append(type) }
                    referenced += context.referencedTypes(schema)
                }
                result = .json(types.joined(separator: " | "))
            } else {
                result = .json("unknown")
            }
        case let response? where Self.isText(response.contentType!):
            result = .text
        case .some:
            result = .blob
        case nil:
            result = .none
        }
        var seen: Set<String> = []
        referencedTypes = referenced.filter { seen.insert($0).inserted }
    }

    private static func isText(_ contentType: String) -> Bool {
        let type = contentType.lowercased()
        return type.hasPrefix("text/") || type.contains("yaml") || type.contains("xml")
    }

    /// True when the caller may leave `parameter` out: not required, or required with a default.
    static func isOptional(_ parameter: Parameter) -> Bool {
        parameter.location != .path && (!parameter.required || parameter.schema.defaultValue != nil)
    }

    /// True when every parameter may be left out, so the argument defaults to `{}`.
    var parametersOptional: Bool { parameters.allSatisfy(Self.isOptional) }

    /// True when the body argument is optional.
    var bodyOptional: Bool { operation.requestBody.map { !$0.required } ?? true }

    /// The TypeScript type the method's promise resolves to.
    var returnType: String {
        switch result {
        case .json(let type): return type
        case .text: return "string"
        case .blob: return "Blob"
        case .none: return "void"
        }
    }

    /// The method's parameter list: `params: XParams, body: XBody, init?: RequestInit`.
    var signatureArguments: [String] {
        var arguments: [String] = []
        let bodyFollowsRequired = bodyType != nil && !bodyOptional
        if let paramsTypeName {
            arguments.append(parametersOptional && !bodyFollowsRequired
                ? "params: \(paramsTypeName) = {}" : "params: \(paramsTypeName)")
        }
        if let bodyType { arguments.append(bodyOptional ? "body?: \(bodyType)" : "body: \(bodyType)") }
        arguments.append("init?: RequestInit")
        return arguments
    }
}
