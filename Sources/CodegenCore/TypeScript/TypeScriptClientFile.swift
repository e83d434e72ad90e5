/// Renders `src/client.ts`: `ApiError`, `ClientOptions`, `TradingClient` with one method
/// per operation, and the `OPERATIONS` table.
struct TypeScriptClientFile {
    let context: TypeScriptContext

    /// Signatures and calls longer than this are broken one argument a line.
    private static let lineLimit = 120

    func render() -> String {
        let errors = TypeScriptErrorShape(context: context)
        let refresh = TypeScriptTokenRefresh(context: context)
        var writer = TypeScriptWriter()
        writer.line(TypeScriptSyntax.header)
        writer.line("// The HTTP client of \(context.model.title) \(context.model.version): one typed method per operation.")
        writer.line()
        writeImports(errors: errors, refresh: refresh, into: &writer)
        writer.line()
        TypeScriptClientRuntime.writeErrors(errors, session: refresh != nil, into: &writer)
        writer.line()
        TypeScriptClientRuntime.writeClientOptions(tokenType: refresh?.tokenType, into: &writer)
        writer.line()
        TypeScriptClientRuntime.writePreparedRequest(into: &writer)
        writer.line()
        writer.doc([
            "The client of \(context.model.title) \(context.model.version). Each operation of the spec is one method; "
                + "a call the server refuses throws an `ApiError`, one that gets no answer a `NetworkError`.",
            refresh == nil ? nil
                : "Logging in keeps the token pair and logging out forgets it. An access token that expired is "
                + "refreshed once, shared by every call that met it, and the calls are retried; when the session "
                + "cannot be renewed they throw `SessionExpiredError`.",
        ])
        writer.block("export class TradingClient {") { writer in
            TypeScriptClientRuntime.writeMachinery(refresh: refresh, into: &writer)
            for operation in context.operations {
                writer.line()
                writeMethod(operation, refresh: refresh, into: &writer)
            }
        }
        writer.line()
        TypeScriptClientRuntime.writeHelpers(session: refresh != nil, into: &writer)
        writer.line()
        writeOperationTable(into: &writer)
        return writer.text
    }

    private func writeImports(errors: TypeScriptErrorShape, refresh: TypeScriptTokenRefresh?,
                              into writer: inout TypeScriptWriter) {
        var names = Set(context.operations.flatMap(\.referencedTypes))
        names.formUnion(errors.referencedTypes)
        if let refresh { names.insert(refresh.tokenType) }
        guard !names.isEmpty else { return }
        writer.list("import type {", names.sorted(), closer: "} from \"./types.js\";", spaced: true, width: 100)
    }

    // MARK: Operation methods

    private func writeMethod(_ operation: TypeScriptOperation, refresh: TypeScriptTokenRefresh?,
                             into writer: inout TypeScriptWriter) {
        let spec = operation.operation
        var route = "`\(spec.method) \(spec.path)`, role: \(spec.requiredRole.rawValue)"
        if spec.requiredRole == .public { route += " (sent without credentials)" }
        let session = refresh == nil ? nil : spec.session
        let keepsTokens = (session == .login || session == .refresh) && operation.result == .json(refresh?.tokenType ?? "")
        writer.doc([
            spec.summary,
            spec.description,
            route,
            acceptedNote(operation),
            keepsTokens ? "The client keeps the new token pair for the calls that follow." : nil,
            session == .logout ? "The client forgets its token pair, whatever the answer." : nil,
            spec.errorCodes.isEmpty ? nil : "@throws {ApiError} " + spec.errorCodes.joined(separator: ", "),
        ])
        writer.list("async \(operation.methodName)(", operation.signatureArguments,
                    closer: "): Promise<\(operation.returnType)> {", width: Self.lineLimit)
        writer.indented { writer in
            if session == .logout {
                writer.block("try {", closer: "} finally {") { writer in writeCall(operation, keepsTokens: false, into: &writer) }
                writer.indented { writer in writer.line("this.forgetTokens();") }
                writer.line("}")
            } else {
                writeCall(operation, keepsTokens: keepsTokens, into: &writer)
            }
        }
        writer.line("}")
    }

    /// "Answers with status 503 are returned, not thrown: …", for an operation that accepts error statuses.
    private func acceptedNote(_ operation: TypeScriptOperation) -> String? {
        guard !operation.acceptedStatuses.isEmpty else { return nil }
        let statuses = operation.acceptedStatuses.map(String.init).joined(separator: ", ")
        return "Answers with status \(statuses) are returned, not thrown: their body is documented as a result."
    }

    /// The request, its sending and the reading of the answer.
    private func writeCall(_ operation: TypeScriptOperation, keepsTokens: Bool, into writer: inout TypeScriptWriter) {
        let spec = operation.operation
        var fields = [
            "method: \(TypeScriptSyntax.stringLiteral(spec.method))",
            "path: \(pathExpression(operation))",
        ]
        let query = operation.parameters.filter { $0.location == .query }
        if !query.isEmpty {
            writer.line("const query = new URLSearchParams();")
            for parameter in query { writeQuery(parameter, into: &writer) }
            fields.append("query")
        }
        let headers = operation.parameters.filter { $0.location == .header }
        if !headers.isEmpty {
            writer.line("const headers: Record<string, string> = {};")
            for parameter in headers { writeHeader(parameter, into: &writer) }
            fields.append("headers")
        }
        if let body = spec.requestBody {
            fields.append("body")
            fields.append("contentType: \(TypeScriptSyntax.stringLiteral(body.contentType))")
        }
        fields.append("authenticated: \(spec.requiredRole != .public)")
        if !operation.acceptedStatuses.isEmpty {
            fields.append("accept: [\(operation.acceptedStatuses.map(String.init).joined(separator: ", "))]")
        }
        let call = operation.result == .none ? "await this.execute(" : "const response = await this.execute("
        writer.list("\(call){", fields, closer: "}, init);", spaced: true, width: Self.lineLimit)
        switch operation.result {
        case .json(let type) where keepsTokens:
            writer.line("const tokens = await this.read(response, (answer) => answer.json() as Promise<\(type)>);")
            writer.line("this.storeTokens(tokens);")
            writer.line("return tokens;")
        case .json(let type): writer.line("return this.read(response, (answer) => answer.json() as Promise<\(type)>);")
        case .text: writer.line("return this.read(response, (answer) => answer.text());")
        case .blob: writer.line("return this.read(response, (answer) => answer.blob());")
        case .none: break
        }
    }

    /// The path with its parameters substituted: `` `/api/v1/orders/${encodeURIComponent(params.id)}` ``.
    private func pathExpression(_ operation: TypeScriptOperation) -> String {
        TypeScriptSyntax.templateLiteral(operation.operation.path) { name in
            guard let parameter = operation.parameters.first(where: { $0.location == .path && $0.name == name }) else {
                return nil
            }
            let value = TypeScriptSyntax.member("params", name)
            let kind = context.valueKind(of: parameter.schema)
            // encodeURIComponent takes numbers and booleans as they are.
            return "encodeURIComponent(\(kind == .scalar ? value : text(of: value, kind: kind)))"
        }
    }

    /// Appends one query parameter: arrays comma-joined or as repeated keys, undefined skipped.
    private func writeQuery(_ parameter: Parameter, into writer: inout TypeScriptWriter) {
        let key = TypeScriptSyntax.stringLiteral(parameter.name)
        let value = TypeScriptSyntax.member("params", parameter.name)
        let optional = TypeScriptOperation.isOptional(parameter)
        let kind = context.valueKind(of: parameter.schema)
        if case .array(let element) = kind, !parameter.commaSeparated {
            let item = text(of: "item", kind: element)
            writer.line("for (const item of \(value)\(optional ? " ?? []" : "")) query.append(\(key), \(item));")
            return
        }
        let statement = "query.set(\(key), \(text(of: value, kind: kind)));"
        writer.line(optional ? "if (\(value) !== undefined) \(statement)" : statement)
    }

    private func writeHeader(_ parameter: Parameter, into writer: inout TypeScriptWriter) {
        let key = TypeScriptSyntax.stringLiteral(parameter.name)
        let value = TypeScriptSyntax.member("params", parameter.name)
        let statement = "headers[\(key)] = \(text(of: value, kind: context.valueKind(of: parameter.schema)));"
        writer.line(TypeScriptOperation.isOptional(parameter) ? "if (\(value) !== undefined) \(statement)" : statement)
    }

    /// The URL text of `value`: strings as they are, arrays comma-joined, objects as JSON.
    private func text(of value: String, kind: TypeScriptValueKind) -> String {
        switch kind {
        case .string: return value
        case .scalar, .unknown: return "String(\(value))"
        case .array: return "\(value).join(\",\")"
        case .structured: return "JSON.stringify(\(value))"
        }
    }

    // MARK: Operation table

    private func writeOperationTable(into writer: inout TypeScriptWriter) {
        writer.doc(["Every operation of the spec: method, path template, required role and tag."])
        writer.block("export const OPERATIONS = {", closer: "} as const;") { writer in
            for operation in context.operations {
                let spec = operation.operation
                let fields = [
                    "method: \(TypeScriptSyntax.stringLiteral(spec.method))",
                    "path: \(TypeScriptSyntax.stringLiteral(spec.path))",
                    "role: \(TypeScriptSyntax.stringLiteral(spec.requiredRole.rawValue))",
                    "tag: \(TypeScriptSyntax.stringLiteral(spec.tag))",
                ]
                let key = TypeScriptSyntax.propertyKey(operation.methodName)
                writer.list("\(key): {", fields, closer: "},", spaced: true, width: Self.lineLimit)
            }
        }
    }
}
