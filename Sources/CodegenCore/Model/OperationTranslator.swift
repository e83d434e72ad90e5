/// Translates `paths` into operations with their parameters, bodies and responses.
struct OperationTranslator {
    let document: YAMLNode
    let translator: SchemaTranslator

    func translateOperations() throws(SpecError) -> [Operation] {
        guard let paths = document["paths"] else { return [] }
        guard let pairs = paths.mapping else { throw SpecError("paths must be a mapping", at: paths.location) }
        var result: [Operation] = []
        var ids: Set<String> = []
        for pair in pairs {
            guard let path = pair.key.scalarText, path.hasPrefix("/") else {
                throw SpecError("paths must start with '/'", at: pair.key.location)
            }
            let item = try JSONPointer.follow(pair.value, in: document)
            let shared = item["parameters"]?.sequence ?? []
            for method in ModelBuilder.methods {
                guard let node = item[method] else { continue }
                let operation = try translate(node, method: method.uppercased(), path: path, sharedParameters: shared)
                guard ids.insert(operation.id).inserted else {
                    throw SpecError("duplicate operationId '\(operation.id)'", at: node["operationId"]?.location ?? node.location)
                }
                result.append(operation)
            }
        }
        return result
    }

    private func translate(
        _ node: YAMLNode, method: String, path: String, sharedParameters: [YAMLNode]
    ) throws(SpecError) -> Operation {
        guard let id = node["operationId"]?.string, !id.isEmpty else {
            throw SpecError("\(method) \(path) has no operationId", at: node.location)
        }
        guard let tags = node["tags"]?.sequence, tags.count == 1, let tag = tags[0].string else {
            throw SpecError("operation '\(id)' must have exactly one tag", at: (node["tags"] ?? node).location)
        }
        let typeName = Naming.pascalCase(id)
        var parameters: [Parameter] = []
        for raw in sharedParameters + (node["parameters"]?.sequence ?? []) {
            let parameter = try translateParameter(raw, operation: typeName)
            if let index = parameters.firstIndex(where: { $0.name == parameter.name && $0.location == parameter.location }) {
                parameters[index] = parameter
            } else {
                parameters.append(parameter)
            }
        }
        let templateNames = Self.templateNames(path)
        for name in templateNames where !parameters.contains(where: { $0.name == name && $0.location == .path }) {
            throw SpecError("path parameter '{\(name)}' of \(method) \(path) is not declared", at: node.location)
        }
        for parameter in parameters where parameter.location == .path && !templateNames.contains(parameter.name) {
            throw SpecError("path parameter '\(parameter.name)' is not in the path \(path)", at: node.location)
        }
        var body: RequestBody?
        if let raw = node["requestBody"] {
            let resolved = try JSONPointer.follow(raw, in: document)
            guard let (contentType, media) = resolved["content"]?.mapping?.first.map({ ($0.key.scalarText ?? "", $0.value) }),
                  let schemaNode = media["schema"] else {
                throw SpecError("requestBody of '\(id)' needs content with a schema", at: raw.location)
            }
            body = RequestBody(
                required: resolved["required"]?.bool ?? false, contentType: contentType,
                schema: try translator.translate(schemaNode, hint: typeName + "Request"))
        }
        guard let responseNodes = node["responses"]?.mapping, !responseNodes.isEmpty else {
            throw SpecError("operation '\(id)' has no responses", at: node.location)
        }
        var responses: [Response] = []
        for pair in responseNodes {
            guard let statusText = pair.key.scalarText, let status = Int(statusText), (100...599).contains(status) else {
                throw SpecError("response keys must be HTTP status codes ('default' is not supported)", at: pair.key.location)
            }
            let resolved = try JSONPointer.follow(pair.value, in: document)
            var response = Response(
                status: status, description: resolved["description"]?.string ?? "", contentType: nil, schema: nil,
                isError: false, headers: resolved["headers"]?.mapping?.compactMap(\.key.scalarText) ?? [])
            if let (contentType, media) = resolved["content"]?.mapping?.first.map({ ($0.key.scalarText ?? "", $0.value) }) {
                response.contentType = contentType
                if let schemaNode = media["schema"] {
                    let successCount = responses.filter { (200..<300).contains($0.status) }.count
                    let hint = typeName + "Response" + (successCount == 0 ? "" : statusText)
                    let schema = try translator.translate(schemaNode, hint: hint)
                    response.schema = schema
                    response.isError = schema.type == .named("ErrorResponse")
                }
            }
            responses.append(response)
        }
        guard responses.contains(where: { (200..<300).contains($0.status) }) else {
            throw SpecError("operation '\(id)' documents no success response", at: node.location)
        }
        var errorCodes: [String] = []
        for code in node["x-error-codes"]?.sequence ?? [] {
            guard let text = code.scalarText else { throw SpecError("x-error-codes must hold strings", at: code.location) }
            errorCodes.append(text)
        }
        for parameter in parameters {
            if let code = parameter.errorCode, !errorCodes.contains(code) {
                throw SpecError("parameter '\(parameter.name)' answers \(code), which x-error-codes does not list", at: node.location)
            }
        }
        var session: SessionRole?
        if let sessionNode = node["x-session"] {
            guard let text = sessionNode.string, let role = SessionRole(rawValue: text) else {
                let allowed = SessionRole.allCases.map(\.rawValue).joined(separator: ", ")
                throw SpecError("x-session must be one of \(allowed)", at: sessionNode.location)
            }
            session = role
        }
        var runsOnLoop = false
        if let runsOn = node["x-runs-on"] {
            guard let text = runsOn.string, text == "loop" || text == "pool" else {
                throw SpecError("x-runs-on must be loop or pool", at: runsOn.location)
            }
            runsOnLoop = text == "loop"
        }
        var cachedPerSnapshot = false
        if let cache = node["x-cache"] {
            guard cache.string == "snapshot" else { throw SpecError("x-cache must be snapshot", at: cache.location) }
            guard runsOnLoop else { throw SpecError("x-cache: snapshot needs x-runs-on: loop", at: cache.location) }
            guard method == "GET" else { throw SpecError("x-cache: snapshot is for GET operations", at: cache.location) }
            cachedPerSnapshot = true
        }
        return Operation(
            id: id, method: method, path: path, tag: tag, summary: node["summary"]?.string,
            description: node["description"]?.string, requiredRole: try ModelBuilder.role(of: node, default: nil),
            rateClass: node["x-rate-class"]?.string ?? "standard", errorCodes: errorCodes,
            parameters: parameters, requestBody: body, responses: responses, session: session, runsOnLoop: runsOnLoop,
            cachedPerSnapshot: cachedPerSnapshot)
    }

    private func translateParameter(_ raw: YAMLNode, operation: String) throws(SpecError) -> Parameter {
        let node = try JSONPointer.follow(raw, in: document)
        guard let name = node["name"]?.string, let locationText = node["in"]?.string else {
            throw SpecError("a parameter needs 'name' and 'in'", at: raw.location)
        }
        guard let location = ParameterLocation(rawValue: locationText) else {
            throw SpecError("parameters in '\(locationText)' are not supported", at: node.location)
        }
        guard let schemaNode = node["schema"] else {
            throw SpecError("parameter '\(name)' needs a schema", at: node.location)
        }
        let schema = try translator.translate(schemaNode, hint: operation + Naming.pascalCase(name))
        let required = node["required"]?.bool ?? false
        if location == .path && !required {
            throw SpecError("path parameter '\(name)' must be required", at: node.location)
        }
        var commaSeparated = false
        if case .array = schema.type {
            let style = node["style"]?.string ?? "form"
            let explode = node["explode"]?.bool ?? (style == "form")
            guard style == "form" || style == "simple" else {
                throw SpecError("array parameter style '\(style)' is not supported", at: node.location)
            }
            commaSeparated = !explode || location == .path
        }
        var parameter = Parameter(
            name: name, location: location, required: required, schema: schema,
            commaSeparated: commaSeparated, description: node["description"]?.string)
        if let code = node["x-error-code"] {
            guard let text = code.scalarText else { throw SpecError("x-error-code must be a string", at: code.location) }
            parameter.errorCode = text
        }
        return parameter
    }

    /// The `{name}` segments of a path template.
    static func templateNames(_ path: String) -> [String] {
        path.split(separator: "/").compactMap { segment in
            segment.hasPrefix("{") && segment.hasSuffix("}") ? String(segment.dropFirst().dropLast()) : nil
        }
    }
}
