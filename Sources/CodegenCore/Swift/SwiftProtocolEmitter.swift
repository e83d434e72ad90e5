/// Emits `Protocol.swift`: error-code metadata, the WebSocket endpoints with their channel
/// patterns, and the spec itself (YAML and JSON) for `/openapi.yaml` and `/openapi.json`.
struct SwiftProtocolEmitter {
    /// The spec and its Swift spellings.
    let names: SwiftNames
    /// The spec as written, embedded as `OpenAPISpec.yaml`.
    let specYAML: String
    /// The spec as compact JSON, embedded as `OpenAPISpec.json`.
    let specJSON: String
    /// Writes the checks of channel parameters.
    let checks: SwiftChecks

    /// The contents of `Protocol.swift`.
    func render() -> String {
        var writer = SwiftEmitter.fileWriter()
        writeErrorCodes(into: &writer)
        writeRoles(into: &writer)
        writeWebSockets(into: &writer)
        writer.line()
        writer.line("/// The spec this module was generated from.")
        writer.block("public enum OpenAPISpec {") { writer in
            writer.line("/// `openapi.yaml` as written.")
            // A multi-line literal: `line` indents only its first line, the spec goes in as written.
            writer.line("public static let yaml: String = \(SwiftLiteral.raw(specYAML, multiline: true))")
            writer.line()
            writer.line("/// The same document as compact JSON.")
            writer.line("public static let json: String = \(SwiftLiteral.raw(specJSON))")
        }
        return writer.text
    }

    private func writeErrorCodes(into writer: inout SwiftWriter) {
        let codes = names.model.errorCodes
        guard !codes.isEmpty else { return }
        writer.line("/// The error a handler throws: one of the codes below with its message.")
        writer.line("public typealias APIError = APIFailure<ErrorCode>")
        writer.line()
        writer.block("extension ErrorCode: APIErrorCode {") { writer in
            writer.line("/// The HTTP status of the code (`x-error-status`).")
            writer.block("public var httpStatus: Int {") { writer in
                writer.switchBlock("self") { writer in
                    for code in codes { writer.line("case .\(names.errorCodeCases.name(of: code.code)): return \(code.status)") }
                }
            }
            writer.line()
            writer.line("/// The default message of the code (`x-error-messages`).")
            writer.block("public var defaultMessage: String {") { writer in
                writer.switchBlock("self") { writer in
                    for code in codes {
                        writer.line("case .\(names.errorCodeCases.name(of: code.code)): return \(SwiftLiteral.string(code.message))")
                    }
                }
            }
        }
        writer.line()
    }

    /// The role levels (`Role` and its `x-role-levels`, plus `public`): the only role list of
    /// the server; the router, the WebSocket hub and the account service all take it from here.
    private func writeRoles(into writer: inout SwiftWriter) {
        let roles = names.model.roles
        writer.block("extension AccessLevel {") { writer in
            writer.line("/// No credentials needed.")
            writer.line("public static let `public` = AccessLevel(name: \"public\", rank: 0)")
            for role in roles {
                writer.line("/// The `\(role.name)` role (level \(role.level)).")
                writer.line("public static let \(SwiftNames.identifier(role.name)) = AccessLevel(name: \(SwiftLiteral.string(role.name)), rank: \(role.level))")
            }
            writer.line()
            writer.line("/// Every role a user or key can hold, lowest first (`public` is none).")
            let list = roles.map { "." + SwiftNames.identifier($0.name) }.joined(separator: ", ")
            writer.line("public static let roles: [AccessLevel] = [\(list)]")
            writer.line()
            writer.line("/// The level of a role name; nil for an unknown name and for `public`.")
            writer.block("public init?(roleName: String) {") { writer in
                writer.line("guard let level = Self.roles.first(where: { $0.name == roleName }) else { return nil }")
                writer.line("self = level")
            }
        }
        writer.line()
    }

    private func writeWebSockets(into writer: inout SwiftWriter) {
        writer.line("/// The WebSocket endpoints of the spec (`x-websocket`).")
        writer.block("public enum WebSocketSpec {") { writer in
            writer.line("/// Every endpoint, in spec order.")
            writer.block("public static let endpoints: [WebSocketEndpointSpec] = [", closer: "]") { writer in
                for endpoint in names.model.webSockets {
                    writer.line("WebSocketEndpointSpec(")
                    writer.indented { writer in
                        writer.line("path: \(SwiftLiteral.string(endpoint.path)), "
                                    + "requiredLevel: .\(SwiftNames.identifier(endpoint.requiredRole.rawValue)),")
                        writer.block("channels: [", closer: "]),") { writer in
                            for channel in endpoint.channels { writeChannel(channel, into: &writer) }
                        }
                    }
                }
            }
        }
    }

    /// `WebSocketChannelSpec(...)`, with a closure checking the parameters the spec gives a
    /// schema, read as path parameters are.
    private func writeChannel(_ channel: WebSocketChannel, into writer: inout SwiftWriter) {
        let messages = channel.messages.map(SwiftLiteral.string).joined(separator: ", ")
        let opener = "WebSocketChannelSpec(\(SwiftLiteral.string(channel.name)), "
            + "requiredLevel: .\(SwiftNames.identifier(channel.requiredRole.rawValue)), messages: [\(messages)])"
        let checked = channel.parameterNames.filter { channel.parameterSchemas[$0] != nil }
        guard !checked.isEmpty else {
            writer.line(opener + ",")
            return
        }
        writer.block(opener + " { parameters in", closer: "},") { writer in
            writer.line("var issues: [FieldIssue] = []")
            for parameter in checked {
                let schema = channel.parameterSchemas[parameter]!
                let name = SwiftNames.identifier(parameter)
                let type = names.type(of: schema)
                let path = SwiftLiteral.string(parameter)
                let read = "ParameterReader.value(parameters[\(path)], required: true, at: \(path), issues: &issues)"
                // A parameter that its type alone validates (an enum) needs no local.
                var probe = SwiftWriter()
                checks.writeUnwrapped(name, schema: schema, path: path, into: &probe)
                if probe.text.isEmpty {
                    writer.line("let _: \(type)? = \(read)")
                } else {
                    writer.line("let \(name): \(type)? = \(read)")
                    checks.writeUnwrapped(name, schema: schema, path: path, into: &writer)
                }
            }
            writer.line("return issues")
        }
    }
}
