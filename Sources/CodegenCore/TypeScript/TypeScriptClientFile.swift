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
        TypeScriptClientRuntime.writeApiError(errors, into: &writer)
        writer.line()
        TypeScriptClientRuntime.writeClientOptions(tokenType: refresh?.tokenType, into: &writer)
        writer.line()
        TypeScriptClientRuntime.writePreparedRequest(into: &writer)
        writer.line()
        writer.doc([
            "The client of \(context.model.title) \(context.model.version). Each operation of the spec is one method; "
                + "a failed call throws an `ApiError`.",
            refresh == nil ? nil
                : "An access token that expired is refreshed once, shared by every request that met it, "
                + "and the request is retried.",
        ])
        writer.block("export class TradingClient {") { writer in
            TypeScriptClientRuntime.writeMachinery(refresh: refresh, into: &writer)
            for operation in context.operations {
                writer.line()
                writeMethod(operation, into: &writer)
            }
        }
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
        writer.list("import type {", names.sorted(), closer: "} from \"./types\";", spaced: true, width: 100)
    }

    // MARK: Operation methods

    private func writeMethod(_ operation: TypeScriptOperation, into writer: inout TypeScriptWriter) {
        let spec = operation.operation
        var route = "`\(spec.method) \(spec.path)`, role: \(spec.requiredRole.rawValue)"
        if spec.requiredRole == .public { route += " (sent without credentials)" }
        writer.doc([
            spec.summary,
            spec.description,
            route,
            spec.errorCodes.isEmpty ? nil : "@throws {ApiError} " + spec.errorCodes.joined(separator: ", "),
        ])
        writer.list("async \(operation.methodName)(", operation.signatureArguments,
                    closer: "): Promise<\(operation.returnType)> {", width: Self.lineLimit)
        writer.indented { writer in
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
            let call = operation.result == .none ? "await this.execute(" : "const response = await this.execute("
            writer.list("\(call){", fields, closer: "}, init);", spaced: true, width: Self.lineLimit)
            switch operation.result {
            case .json(let type): writer.line("return (await response.json()) as \(type);")
            case .text: writer.line("return response.text();")
            case .blob: writer.line("return response.blob();")
            case .none: break
            }
        }
        writer.line("}")
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
