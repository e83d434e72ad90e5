/// Emits `Operations.swift`: the operation table, and per operation a typed input (path,
/// query and body, decoded and validated) and an output enum with one case per
/// documented non-error response.
struct SwiftOperationsEmitter {
    /// The spec and its Swift spellings.
    let names: SwiftNames
    /// Writes the input decoders' validation.
    let checks: SwiftChecks

    /// The type name of an operation's input.
    static func inputName(_ operation: Operation) -> String { Naming.pascalCase(operation.id) + "Input" }
    /// The type name of an operation's output.
    static func outputName(_ operation: Operation) -> String { Naming.pascalCase(operation.id) + "Output" }

    /// The output case of a response status.
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

    /// The contents of `Operations.swift`.
    func render() -> String {
        var writer = SwiftEmitter.fileWriter()
        writeTable(into: &writer)
        for operation in names.model.operations {
            writer.line()
            writeInput(operation, into: &writer)
            writer.line()
            writeOutput(operation, into: &writer)
        }
        return writer.text
    }

    // MARK: Table

    private func writeTable(into writer: inout SwiftWriter) {
        let operations = names.model.operations
        writer.line("/// Every operation of the spec, by `operationId`.")
        writer.block("public enum OperationID: String, Sendable, CaseIterable {") { writer in
            for operation in operations {
                writer.line("case \(SwiftNames.identifier(operation.id)) = \(SwiftLiteral.string(operation.id))")
            }
        }
        writer.line()
        writer.line("/// What the spec says about an operation: route, role, rate class and errors.")
        writer.block("public struct APIOperation: Sendable {") { writer in
            writer.line("public let id: OperationID")
            writer.line("public let method: String")
            writer.line("/// The path template, e.g. `/api/v1/orders/{id}`.")
            writer.line("public let path: String")
            writer.line("public let tag: String")
            writer.line("public let summary: String")
            writer.line("/// `x-required-role`.")
            writer.line("public let requiredLevel: AccessLevel")
            writer.line("/// `x-rate-class`.")
            writer.line("public let rateClass: String")
            writer.line("/// `x-error-codes`: the errors the operation documents.")
            writer.line("public let errorCodes: [ErrorCode]")
            writer.line("/// The statuses of its documented responses.")
            writer.line("public let statuses: [Int]")
            writer.line("/// `x-runs-on: loop`: answered on the event loop that read the request (`APIHandlers.handleOnLoop`).")
            writer.line("public let runsOnLoop: Bool")
            writer.line("/// `x-cache: snapshot`: a successful answer depends only on the request's path and query and the")
            writer.line("/// engine's published snapshot, so it may be answered again from the bytes rendered for that snapshot.")
            writer.line("public let cachedPerSnapshot: Bool")
            writer.line()
            writer.line("/// The table, in spec order.")
            writer.block("public static let all: [APIOperation] = [", closer: "]") { writer in
                for operation in operations { writeTableEntry(operation, into: &writer) }
            }
            writer.line()
            writer.line("/// The operation with an id.")
            writer.line("public static func named(_ id: OperationID) -> APIOperation { byID[id]! }")
            writer.line()
            writer.line("private static let byID: [OperationID: APIOperation] = "
                        + "Dictionary(uniqueKeysWithValues: all.map { ($0.id, $0) })")
        }
    }

    private func writeTableEntry(_ operation: Operation, into writer: inout SwiftWriter) {
        let codes = operation.errorCodes.map { "." + names.errorCodeCases.name(of: $0) }
        let statuses = operation.responses.map { String($0.status) }
        writer.line("APIOperation(")
        writer.indented { writer in
            writer.line("id: .\(SwiftNames.identifier(operation.id)), method: \(SwiftLiteral.string(operation.method)), "
                        + "path: \(SwiftLiteral.string(operation.path)), tag: \(SwiftLiteral.string(operation.tag)),")
            writer.line("summary: \(SwiftLiteral.string(operation.summary ?? operation.id)), "
                        + "requiredLevel: .\(SwiftNames.identifier(operation.requiredRole.rawValue)), "
                        + "rateClass: \(SwiftLiteral.string(operation.rateClass)),")
            writer.line("errorCodes: [\(codes.joined(separator: ", "))], statuses: [\(statuses.joined(separator: ", "))], "
                        + "runsOnLoop: \(operation.runsOnLoop), cachedPerSnapshot: \(operation.cachedPerSnapshot)),")
        }
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

    private func writeInput(_ operation: Operation, into writer: inout SwiftWriter) {
        let typeName = Self.inputName(operation)
        let fields = inputFields(operation)
        let stored = fields.map(\.field)
        writer.line("/// The input of `\(operation.id)`: `\(operation.method) \(operation.path)`.")
        writer.block("public struct \(typeName): Sendable, Equatable {") { writer in
            for field in stored {
                writer.doc(field.doc)
                writer.line("public var \(field.name): \(field.declaredType)")
            }
            if !fields.isEmpty { writer.line() }
            stored.writeMemberwiseInitializer(into: &writer)
            writer.line()
            writer.line("/// Reads and validates the request; every problem is listed in one `VALIDATION_ERROR`.")
            let usesPath = fields.contains { $0.parameter?.location == .path }
            let usesQuery = fields.contains { $0.parameter?.location == .query }
            let usesBody = operation.requestBody != nil
            writer.block("public static func decode(_ \(usesQuery || usesBody ? "request" : "_"): RouteRequest, "
                         + "pathParameters\(usesPath ? "" : " _"): [String]) throws(APIError) -> \(typeName) {") { writer in
                guard !fields.isEmpty else {
                    writer.line("\(typeName)()")
                    return
                }
                writer.line("var issues: [FieldIssue] = []")
                if usesQuery {
                    writer.line("let _query = QueryParameters(request.query)")
                    writer.line("for name in _query.malformed { issues.append(FieldIssue(\"query.\" + name, "
                                + "\"is not valid percent-encoded UTF-8\")) }")
                }
                writeFieldReads(operation, fields, into: &writer)
                writer.line("guard issues.isEmpty\(stored.mandatoryBindings) else { throw APIError.validation(issues) }")
                writer.line("return \(typeName)(\(stored.decodedArguments))")
            }
        }
    }

    /// Writes, for each field, the local read from the request and its checks.
    private func writeFieldReads(_ operation: Operation, _ fields: [(field: InputField, parameter: Parameter?)],
                                 into writer: inout SwiftWriter) {
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
                if parameter.errorCode != nil { writer.line("let \(Self.issuesBefore(field)) = issues.count") }
                if case .array = names.resolved(schema).type {
                    let texts = parameter.location == .path ? "[\(source)]" : "_query.all(\(SwiftLiteral.string(parameter.name)))"
                    writer.line("let \(field.name): \(field.type)? = ParameterReader.list(\(texts), "
                                + "commaSeparated: \(parameter.commaSeparated), "
                                + "required: \(parameter.required), at: \(path), issues: &issues)")
                } else {
                    writer.line("let \(field.name): \(field.type)? = ParameterReader.value(\(source), "
                                + "required: \(parameter.required), at: \(path), issues: &issues)")
                }
            } else {
                schema = operation.requestBody!.schema
                path = "\"body\""
                writer.line("let \(field.name): \(field.type)? = BodyReader.decode(request, "
                            + "required: \(operation.requestBody!.required), issues: &issues)")
            }
            checks.writeUnwrapped(field.name, schema: schema, path: path, into: &writer)
            if let code = parameter?.errorCode {
                // The parameter's own problems answer its own code, whatever else is wrong.
                let before = Self.issuesBefore(field)
                writer.line("if issues.count > \(before) { throw APIError(.\(names.errorCodeCases.name(of: code)), "
                            + "message: \"Invalid request: \\(issues[\(before)])\", details: Array(issues[\(before)...])) }")
            }
        }
    }

    /// The local holding the issue count before `field` is read, for a parameter with `x-error-code`.
    private static func issuesBefore(_ field: InputField) -> String {
        "_before" + SwiftNames.typeName(field.name)
    }

    // MARK: Outputs

    private func writeOutput(_ operation: Operation, into writer: inout SwiftWriter) {
        let typeName = Self.outputName(operation)
        let responses = operation.responses.filter { !$0.isError }
        var renders: [String] = []
        writer.line("/// The documented responses of `\(operation.id)`.")
        writer.block("public enum \(typeName): ResponseRendering {") { writer in
            for response in responses {
                let caseName = Self.caseName(status: response.status)
                writer.doc("\(response.status): \(response.description)")
                guard let contentType = response.contentType, let schema = response.schema else {
                    writer.line("case \(caseName)")
                    renders.append("case .\(caseName): return RenderedResponse(status: \(response.status), contentType: nil, body: [])")
                    continue
                }
                let isJSON = contentType.hasSuffix("json")
                writer.line("case \(caseName)(\(isJSON ? names.type(of: schema) : "String"))")
                if isJSON {
                    renders.append("case .\(caseName)(let body): return .json(\(response.status), body)")
                } else {
                    renders.append("case .\(caseName)(let body): return .text(\(response.status), body, "
                                   + "contentType: \(SwiftLiteral.string(contentType)))")
                }
            }
            writer.line()
            writer.block("public func render() -> RenderedResponse {") { writer in
                writer.switchBlock("self") { writer in
                    for render in renders { writer.line(render) }
                }
            }
        }
    }
}
