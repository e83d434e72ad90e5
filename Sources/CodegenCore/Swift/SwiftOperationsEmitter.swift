/// Emits `Operations.swift`: the operation table, and per operation a typed input (path,
/// query and body, decoded and validated) and an output enum with one case per
/// documented non-error response.
struct SwiftOperationsEmitter {
    let names: SwiftNames
    let checks: SwiftChecks

    static func inputName(_ operation: Operation) -> String { Naming.pascalCase(operation.id) + "Input" }
    static func outputName(_ operation: Operation) -> String { Naming.pascalCase(operation.id) + "Output" }

    static func caseName(status: Int) -> String {
        switch status {
        case 200: return "ok"
        case 201: return "created"
        case 202: return "accepted"
        case 204: return "noContent"
        case 503: return "serviceUnavailable"
        default: return "status\(status)"
        }
    }

    func render() -> String {
        var out = SwiftEmitter.header
        out += renderTable()
        for operation in names.model.operations {
            out += "\n" + renderInput(operation) + "\n" + renderOutput(operation)
        }
        return out
    }

    // MARK: Table

    private func renderTable() -> String {
        let operations = names.model.operations
        var out = "/// Every operation of the spec, by `operationId`.\n"
        out += "public enum OperationID: String, Sendable, CaseIterable {\n"
        for operation in operations {
            out += "    case \(SwiftNames.identifier(operation.id)) = \(SwiftLiteral.string(operation.id))\n"
        }
        out += "}\n\n"
        out += "/// What the spec says about an operation: route, role, rate class and errors.\n"
        out += "public struct APIOperation: Sendable {\n"
        out += "    public let id: OperationID\n"
        out += "    public let method: String\n"
        out += "    /// The path template, e.g. `/api/v1/orders/{id}`.\n"
        out += "    public let path: String\n"
        out += "    public let tag: String\n"
        out += "    public let summary: String\n"
        out += "    /// `x-required-role`.\n"
        out += "    public let requiredLevel: AccessLevel\n"
        out += "    /// `x-rate-class`.\n"
        out += "    public let rateClass: String\n"
        out += "    /// `x-error-codes`: the errors the operation documents.\n"
        out += "    public let errorCodes: [ErrorCode]\n"
        out += "    /// The statuses of its documented responses.\n"
        out += "    public let statuses: [Int]\n\n"
        out += "    /// The table, in spec order.\n"
        out += "    public static let all: [APIOperation] = [\n"
        for operation in operations {
            let codes = operation.errorCodes.map { "." + names.errorCodeCases.name(of: $0) }
            out += "        APIOperation(\n"
            out += "            id: .\(SwiftNames.identifier(operation.id)), method: \(SwiftLiteral.string(operation.method)), "
            out += "path: \(SwiftLiteral.string(operation.path)), tag: \(SwiftLiteral.string(operation.tag)),\n"
            out += "            summary: \(SwiftLiteral.string(operation.summary ?? operation.id)), "
            out += "requiredLevel: .\(SwiftNames.identifier(operation.requiredRole.rawValue)), rateClass: \(SwiftLiteral.string(operation.rateClass)),\n"
            out += "            errorCodes: [\(codes.joined(separator: ", "))], statuses: [\(operation.responses.map { String($0.status) }.joined(separator: ", "))]),\n"
        }
        out += "    ]\n\n"
        out += "    /// The operation with an id.\n"
        out += "    public static func named(_ id: OperationID) -> APIOperation { byID[id]! }\n\n"
        out += "    private static let byID: [OperationID: APIOperation] = Dictionary(uniqueKeysWithValues: all.map { ($0.id, $0) })\n"
        out += "}\n"
        return out
    }

    // MARK: Inputs

    /// A stored property of an input: a path or query parameter, or the body.
    struct InputField: SwiftStoredMember {
        var name: String
        var type: String
        var optional: Bool
        var defaultLiteral: String?
        var doc: String?
    }

    private func inputFields(_ operation: Operation) -> [(field: InputField, parameter: Parameter?)] {
        var used: Set<String> = []
        var result: [(InputField, Parameter?)] = []
        for parameter in operation.parameters where parameter.location != .header {
            var name = SwiftNames.identifier(parameter.name)
            while used.contains(name) { name += "_" }
            used.insert(name)
            let schema = names.resolved(parameter.schema)
            let literal = parameter.required ? nil : parameter.schema.defaultValue.flatMap { names.literal($0, for: schema) }
            result.append((InputField(
                name: name, type: names.type(of: schema), optional: !parameter.required && literal == nil,
                defaultLiteral: literal,
                doc: "`\(parameter.location.rawValue).\(parameter.name)`" + (parameter.description.map { ": " + $0 } ?? "")),
                parameter))
        }
        if let body = operation.requestBody {
            var name = "body"
            while used.contains(name) { name += "_" }
            result.append((InputField(
                name: name, type: names.type(of: body.schema), optional: !body.required, defaultLiteral: nil,
                doc: "The request body (\(body.contentType))."), nil))
        }
        return result
    }

    private func renderInput(_ operation: Operation) -> String {
        let typeName = Self.inputName(operation)
        let fields = inputFields(operation)
        var out = "/// The input of `\(operation.id)`: `\(operation.method) \(operation.path)`.\n"
        out += "public struct \(typeName): Sendable, Equatable {\n"
        for (field, _) in fields {
            out += SwiftLiteral.doc(field.doc, indent: "    ")
            out += "    public var \(field.name): \(field.declaredType)\n"
        }
        if !fields.isEmpty { out += "\n" }
        let stored = fields.map(\.field)
        out += stored.memberwiseInitializer + "\n"
        out += "    /// Reads and validates the request; every problem is listed in one `VALIDATION_ERROR`.\n"
        let usesPath = fields.contains { $0.parameter?.location == .path }
        let usesQuery = fields.contains { $0.parameter?.location == .query }
        let usesBody = operation.requestBody != nil
        out += "    public static func decode(_ \(usesQuery || usesBody ? "request" : "_"): RouteRequest, "
        out += "pathParameters\(usesPath ? "" : " _"): [String]) throws(APIError) -> \(typeName) {\n"
        if fields.isEmpty {
            out += "        \(typeName)()\n    }\n}\n"
            return out
        }
        out += "        var issues: [FieldIssue] = []\n"
        if usesQuery {
            out += "        let _query = QueryParameters(request.query)\n"
            out += "        for name in _query.malformed { issues.append(FieldIssue(\"query.\" + name, \"is not valid percent-encoded UTF-8\")) }\n"
        }
        var pathIndex = 0
        for (field, parameter) in fields {
            let schema: Schema
            let path: String
            if let parameter {
                schema = parameter.schema
                path = SwiftLiteral.string("\(parameter.location.rawValue).\(parameter.name)")
                let source: String
                if parameter.location == .path {
                    source = "pathParameters[\(pathIndex)]"
                    pathIndex += 1
                } else {
                    source = "_query.first(\(SwiftLiteral.string(parameter.name)))"
                }
                if case .array = names.resolved(schema).type {
                    let texts = parameter.location == .path ? "[\(source)]" : "_query.all(\(SwiftLiteral.string(parameter.name)))"
                    out += "        let \(field.name): \(field.type)? = ParameterReader.list(\(texts), commaSeparated: \(parameter.commaSeparated), "
                    out += "required: \(parameter.required), at: \(path), issues: &issues)\n"
                } else {
                    out += "        let \(field.name): \(field.type)? = ParameterReader.value(\(source), required: \(parameter.required), "
                    out += "at: \(path), issues: &issues)\n"
                }
            } else {
                schema = operation.requestBody!.schema
                path = "\"body\""
                out += "        let \(field.name): \(field.type)? = BodyReader.decode(request, required: \(operation.requestBody!.required), issues: &issues)\n"
            }
            let lines = checks.statements(for: field.name, schema: schema, path: path, indent: "            ")
            if !lines.isEmpty {
                out += "        if let \(field.name) {\n" + lines.joined(separator: "\n") + "\n        }\n"
            }
        }
        out += "        guard issues.isEmpty\(stored.mandatoryBindings) else { throw APIError.validation(issues) }\n"
        out += "        return \(typeName)(\(stored.decodedArguments))\n"
        out += "    }\n}\n"
        return out
    }

    // MARK: Outputs

    private func renderOutput(_ operation: Operation) -> String {
        let typeName = Self.outputName(operation)
        let responses = operation.responses.filter { !$0.isError }
        var out = "/// The documented responses of `\(operation.id)`.\n"
        out += "public enum \(typeName): ResponseRendering {\n"
        var renders: [String] = []
        for response in responses {
            let caseName = Self.caseName(status: response.status)
            out += SwiftLiteral.doc("\(response.status): \(response.description)", indent: "    ")
            guard let contentType = response.contentType, let schema = response.schema else {
                out += "    case \(caseName)\n"
                renders.append("        case .\(caseName): return RenderedResponse(status: \(response.status), contentType: nil, body: [])")
                continue
            }
            let isJSON = contentType.hasSuffix("json")
            let bodyType = isJSON ? names.type(of: schema) : "String"
            out += "    case \(caseName)(\(bodyType))\n"
            if isJSON {
                renders.append("        case .\(caseName)(let body): return .json(\(response.status), body)")
            } else {
                renders.append("        case .\(caseName)(let body): return .text(\(response.status), body, contentType: \(SwiftLiteral.string(contentType)))")
            }
        }
        out += "\n    public func render() -> RenderedResponse {\n"
        out += "        switch self {\n"
        out += renders.joined(separator: "\n") + "\n"
        out += "        }\n    }\n}\n"
        return out
    }
}
