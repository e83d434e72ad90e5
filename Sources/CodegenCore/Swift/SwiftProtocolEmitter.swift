/// Emits `Protocol.swift`: error-code metadata, the WebSocket endpoints with their channel
/// patterns, and the spec itself (YAML and JSON) for `/openapi.yaml` and `/openapi.json`.
struct SwiftProtocolEmitter {
    let names: SwiftNames
    let specYAML: String
    let specJSON: String

    func render() -> String {
        var out = SwiftEmitter.header
        out += renderErrorCodes()
        out += renderWebSockets()
        out += "\n/// The spec this module was generated from.\n"
        out += "public enum OpenAPISpec {\n"
        out += "    /// `openapi.yaml` as written.\n"
        out += "    public static let yaml: String = \(SwiftLiteral.raw(specYAML, multiline: true))\n\n"
        out += "    /// The same document as compact JSON.\n"
        out += "    public static let json: String = \(SwiftLiteral.raw(specJSON))\n"
        out += "}\n"
        return out
    }

    private func renderErrorCodes() -> String {
        let codes = names.model.errorCodes
        guard !codes.isEmpty else { return "" }
        var out = "/// The error a handler throws: one of the codes below with its message.\n"
        out += "public typealias APIError = APIFailure<ErrorCode>\n\n"
        out += "extension ErrorCode: APIErrorCode {\n"
        out += "    /// The HTTP status of the code (`x-error-status`).\n"
        out += "    public var httpStatus: Int {\n        switch self {\n"
        for code in codes { out += "        case .\(names.errorCodeCases.name(of: code.code)): return \(code.status)\n" }
        out += "        }\n    }\n\n"
        out += "    /// The default message of the code (`x-error-messages`).\n"
        out += "    public var defaultMessage: String {\n        switch self {\n"
        for code in codes { out += "        case .\(names.errorCodeCases.name(of: code.code)): return \(SwiftLiteral.string(code.message))\n" }
        out += "        }\n    }\n}\n\n"
        return out
    }

    private func renderWebSockets() -> String {
        var out = "/// The WebSocket endpoints of the spec (`x-websocket`).\n"
        out += "public enum WebSocketSpec {\n"
        out += "    /// Every endpoint, in spec order.\n"
        out += "    public static let endpoints: [WebSocketEndpointSpec] = [\n"
        for endpoint in names.model.webSockets {
            out += "        WebSocketEndpointSpec(\n"
            out += "            path: \(SwiftLiteral.string(endpoint.path)), requiredLevel: .\(SwiftNames.identifier(endpoint.requiredRole.rawValue)),\n"
            out += "            channels: [\n"
            for channel in endpoint.channels {
                let messages = channel.messages.map(SwiftLiteral.string).joined(separator: ", ")
                out += "                WebSocketChannelSpec(\(SwiftLiteral.string(channel.name)), "
                out += "requiredLevel: .\(SwiftNames.identifier(channel.requiredRole.rawValue)), messages: [\(messages)]),\n"
            }
            out += "            ]),\n"
        }
        out += "    ]\n}\n"
        return out
    }
}
