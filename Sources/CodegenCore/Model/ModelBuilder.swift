/// Builds the `OpenAPIModel` from a parsed spec: the middle stage of the pipeline
/// (YAML → model → emitters).
public enum ModelBuilder {
    static let methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"]

    /// Reads and translates a spec file.
    public static func build(contentsOf path: String) throws(SpecError) -> OpenAPIModel {
        try build(YAMLParser.parse(contentsOf: path))
    }

    /// Translates a parsed spec.
    public static func build(_ document: YAMLNode) throws(SpecError) -> OpenAPIModel {
        guard document.mapping != nil else { throw SpecError("the spec must be a mapping", at: document.location) }
        guard let version = document["openapi"]?.scalarText, version.hasPrefix("3.1") else {
            throw SpecError("expected 'openapi: 3.1.x'", at: (document["openapi"] ?? document).location)
        }
        let translator = try SchemaTranslator(document: document)
        let components = try translator.translateComponents()
        let operations = try OperationTranslator(document: document, translator: translator).translateOperations()
        let webSockets = try translateWebSockets(document, translator: translator, schemas: components)
        try checkSchemaNames(document, operations: operations, webSockets: webSockets)
        let errorCodes = try translateErrorCodes(document)
        let roles = try translateRoles(document)
        try checkRoles(of: operations, webSockets: webSockets, against: roles, in: document)
        let known = Set(errorCodes.map(\.code))
        if !known.isEmpty {
            for operation in operations {
                for code in operation.errorCodes where !known.contains(code) {
                    let node = document["paths"]?[operation.path]?[operation.method.lowercased()]?["x-error-codes"]
                    throw SpecError("operation '\(operation.id)' lists unknown error code '\(code)'",
                                    at: (node ?? document).location)
                }
            }
        }
        var tags: [Tag] = []
        for node in document["tags"]?.sequence ?? [] {
            guard let name = node["name"]?.string else { throw SpecError("a tag needs a name", at: node.location) }
            tags.append(Tag(name: name, description: node["description"]?.string))
        }
        for operation in operations where !tags.contains(where: { $0.name == operation.tag }) {
            tags.append(Tag(name: operation.tag, description: nil))
        }
        return OpenAPIModel(
            title: document["info"]?["title"]?.string ?? "API",
            version: document["info"]?["version"]?.scalarText ?? "0",
            tags: tags,
            schemas: translator.allDefinitions(),
            operations: operations,
            errorCodes: errorCodes,
            webSockets: webSockets,
            roles: roles)
    }

    /// No schema of `components.schemas` may take a name whose generated declaration would
    /// shadow a global or a declaration of the generated client (`ReservedSchemaNames`), or
    /// the name of an operation's parameters interface (`GetOrderParams`).
    private static func checkSchemaNames(
        _ document: YAMLNode, operations: [Operation], webSockets: [WebSocketEndpoint]
    ) throws(SpecError) {
        let parameterTypes = Dictionary(operations.map { (Naming.pascalCase($0.id) + "Params", $0.id) },
                                        uniquingKeysWith: { first, _ in first })
        for pair in document["components"]?["schemas"]?.mapping ?? [] {
            guard let name = pair.key.scalarText else { continue }
            if let conflict = ReservedSchemaNames.conflict(of: name, webSocketPaths: webSockets.map(\.path)) {
                throw SpecError("schema name '\(name)' would shadow \(conflict) in the generated code; rename the schema "
                                + "(e.g. 'Trading\(Naming.pascalCase(name))')", at: pair.key.location)
            }
            if let operation = parameterTypes[Naming.pascalCase(name)] {
                throw SpecError("schema name '\(name)' is the name of the parameters type of operation '\(operation)'; "
                                + "rename the schema", at: pair.key.location)
            }
        }
    }

    /// The `Role` schema's values with their `x-role-levels`, lowest first. Every value needs a
    /// level above 0 (0 is `public`) and no two share one, so "includes every lower level" is
    /// a total order.
    private static func translateRoles(_ document: YAMLNode) throws(SpecError) -> [RoleLevel] {
        guard let node = document["components"]?["schemas"]?["Role"] else { return [] }
        guard let values = node["enum"]?.sequence else { throw SpecError("Role must be a string enum", at: node.location) }
        guard let levels = node["x-role-levels"] else { throw SpecError("Role needs x-role-levels", at: node.location) }
        var roles: [RoleLevel] = []
        for value in values {
            guard let name = value.scalarText, name != RequiredRole.public.rawValue else {
                throw SpecError("a role must be a string other than 'public'", at: value.location)
            }
            guard let level = levels[name]?.int, level > 0 else {
                throw SpecError("role '\(name)' needs a level above 0 in x-role-levels", at: (levels[name] ?? levels).location)
            }
            guard !roles.contains(where: { $0.level == level }) else {
                throw SpecError("roles must have distinct levels ('\(name)' repeats \(level))", at: value.location)
            }
            roles.append(RoleLevel(name: name, level: level))
        }
        for pair in levels.mapping ?? [] where !roles.contains(where: { $0.name == pair.key.scalarText }) {
            throw SpecError("x-role-levels names '\(pair.key.scalarText ?? "")', which is not a Role value", at: pair.key.location)
        }
        return roles.sorted { $0.level < $1.level }
    }

    /// Every `x-required-role` must be `public` or a role of the `Role` schema.
    private static func checkRoles(
        of operations: [Operation], webSockets: [WebSocketEndpoint], against roles: [RoleLevel], in document: YAMLNode
    ) throws(SpecError) {
        let known = Set(roles.map(\.name) + [RequiredRole.public.rawValue])
        let allowed = ([RequiredRole.public.rawValue] + roles.map(\.name)).joined(separator: ", ")
        func check(_ role: RequiredRole, _ node: YAMLNode?) throws(SpecError) {
            guard !known.contains(role.rawValue) else { return }
            throw SpecError("x-required-role must be one of \(allowed), not '\(role.rawValue)'",
                            at: (node?["x-required-role"] ?? node ?? document).location)
        }
        for operation in operations {
            try check(operation.requiredRole, document["paths"]?[operation.path]?[operation.method.lowercased()])
        }
        let endpoints = document["x-websocket"]?.sequence ?? []
        for (index, endpoint) in webSockets.enumerated() {
            let node = index < endpoints.count ? endpoints[index] : nil
            try check(endpoint.requiredRole, node)
            let channels = node?["channels"]?.sequence ?? []
            for (position, channel) in endpoint.channels.enumerated() {
                try check(channel.requiredRole, position < channels.count ? channels[position] : node)
            }
        }
    }

    private static func translateErrorCodes(_ document: YAMLNode) throws(SpecError) -> [ErrorCodeInfo] {
        guard let node = document["components"]?["schemas"]?["ErrorCode"] else { return [] }
        guard let values = node["enum"]?.sequence else {
            throw SpecError("ErrorCode must be a string enum", at: node.location)
        }
        let statuses = node["x-error-status"]
        let messages = node["x-error-messages"]
        var result: [ErrorCodeInfo] = []
        for value in values {
            guard let code = value.scalarText else { throw SpecError("error codes must be strings", at: value.location) }
            guard let status = statuses?[code]?.int, (100...599).contains(status) else {
                throw SpecError("error code '\(code)' has no HTTP status in x-error-status", at: value.location)
            }
            guard let message = messages?[code]?.string else {
                throw SpecError("error code '\(code)' has no message in x-error-messages", at: value.location)
            }
            result.append(ErrorCodeInfo(code: code, status: status, message: message))
        }
        return result
    }

    private static func translateWebSockets(
        _ document: YAMLNode, translator: SchemaTranslator, schemas: [NamedSchema]
    ) throws(SpecError) -> [WebSocketEndpoint] {
        guard let list = document["x-websocket"] else { return [] }
        guard let items = list.sequence else { throw SpecError("x-websocket must be a list", at: list.location) }
        var result: [WebSocketEndpoint] = []
        for item in items {
            guard let path = item["path"]?.string else { throw SpecError("a WebSocket endpoint needs a path", at: item.location) }
            func messageName(_ key: String) throws(SpecError) -> String {
                guard let node = item[key] else { throw SpecError("WebSocket endpoint '\(path)' needs \(key)", at: item.location) }
                let schema = try translator.translate(node, hint: Naming.pascalCase(path) + Naming.pascalCase(key))
                guard case .named(let name) = schema.type, schemas.contains(where: { $0.name == name }) else {
                    throw SpecError("\(key) must reference a schema in components.schemas", at: node.location)
                }
                return name
            }
            var channels: [WebSocketChannel] = []
            for channel in item["channels"]?.sequence ?? [] {
                guard let name = channel["name"]?.string else { throw SpecError("a channel needs a name", at: channel.location) }
                var translated = WebSocketChannel(
                    name: name, description: channel["description"]?.string,
                    messages: channel["messages"]?.sequence?.compactMap(\.scalarText) ?? [],
                    requiredRole: try role(of: channel, default: .public))
                translated.parameterSchemas = try translateChannelParameters(
                    channel, of: translated, endpoint: path, translator: translator)
                channels.append(translated)
            }
            result.append(WebSocketEndpoint(
                path: path, summary: item["summary"]?.string, requiredRole: try role(of: item, default: .public),
                clientMessage: try messageName("clientMessage"), serverMessage: try messageName("serverMessage"),
                channels: channels))
        }
        return result
    }

    /// The schemas a channel declares for its `{name}` parameters. Each must name a parameter
    /// of the channel and be a scalar: a channel name is text, and the TypeScript client spells
    /// the parameter inside a template literal type (`kline:${string}:${Timeframe}`).
    private static func translateChannelParameters(
        _ node: YAMLNode, of channel: WebSocketChannel, endpoint path: String, translator: SchemaTranslator
    ) throws(SpecError) -> [String: Schema] {
        guard let list = node["parameters"] else { return [:] }
        guard let pairs = list.mapping else {
            throw SpecError("the parameters of channel '\(channel.name)' must be a mapping of name to schema", at: list.location)
        }
        var result: [String: Schema] = [:]
        for pair in pairs {
            guard let name = pair.key.scalarText, channel.parameterNames.contains(name) else {
                throw SpecError("channel '\(channel.name)' has no parameter '{\(pair.key.scalarText ?? "")}'",
                                at: pair.key.location)
            }
            let hint = Naming.pascalCase(path) + Naming.pascalCase(channel.name) + Naming.pascalCase(name)
            let schema = try translator.translate(pair.value, hint: hint)
            guard !schema.nullable, translator.isScalar(schema) else {
                throw SpecError("parameter '\(name)' of channel '\(channel.name)' must be a string, number, boolean "
                                + "or string enum schema", at: pair.value.location)
            }
            result[name] = schema
        }
        return result
    }

    static func role(of node: YAMLNode, default fallback: RequiredRole?) throws(SpecError) -> RequiredRole {
        guard let value = node["x-required-role"] else {
            if let fallback { return fallback }
            throw SpecError("missing x-required-role", at: node.location)
        }
        guard let text = value.scalarText, !text.isEmpty else {
            throw SpecError("x-required-role must be a role name", at: value.location)
        }
        return RequiredRole(rawValue: text)
    }
}
