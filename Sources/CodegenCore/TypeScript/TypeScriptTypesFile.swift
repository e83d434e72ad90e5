/// Renders `src/types.ts`: one declaration per schema, the error-status table and one
/// parameters interface per operation.
struct TypeScriptTypesFile {
    let context: TypeScriptContext

    /// Lines longer than this are broken one member a line.
    private static let lineLimit = 100

    func render() -> String {
        var writer = TypeScriptWriter()
        writer.line(TypeScriptSyntax.header)
        writer.line("// The types of every schema and operation parameter of \(context.model.title) \(context.model.version).")
        let discriminators = discriminatorValues()
        for schema in context.model.schemas {
            writer.line()
            render(schema, discriminators: discriminators[schema.name] ?? [], into: &writer)
            if schema.name == "ErrorCode" { renderErrorStatus(into: &writer) }
        }
        for operation in context.operations {
            guard let name = operation.paramsTypeName else { continue }
            writer.line()
            renderParameters(of: operation, named: name, into: &writer)
        }
        return writer.text
    }

    // MARK: Schemas

    private func render(_ schema: NamedSchema, discriminators: [(property: String, values: [String])],
                        into writer: inout TypeScriptWriter) {
        let name = context.typeName(of: schema.name)
        switch schema.definition {
        case .object(let object):
            writer.doc([schema.description])
            renderInterface(name, object, discriminators: discriminators, into: &writer)
        case .enumeration(let values):
            writer.doc([schema.description])
            let literals = values.map(TypeScriptSyntax.stringLiteral)
            writer.union("export type \(name) =", members: literals, width: Self.lineLimit)
            writer.list("export const \(name)Values = [", literals, closer: "] as const;", width: Self.lineLimit)
        case .union(let union):
            let note = union.discriminator.map { "Discriminated by `\($0.propertyName)`." }
            writer.doc([schema.description, note])
            writer.union("export type \(name) =", members: union.variants.map(context.typeName(of:)), width: Self.lineLimit)
        case .alias(let target):
            writer.doc([context.documentation(target, description: schema.description)])
            writer.line("export type \(name) = \(context.expression(target));")
        }
    }

    private func renderInterface(_ name: String, _ object: ObjectDefinition,
                                 discriminators: [(property: String, values: [String])],
                                 into writer: inout TypeScriptWriter) {
        var properties = object.properties
        // A discriminated variant must carry its tag as a literal (or a union of the literals
        // naming it), or `Extract<Union, {type: T}>` could not pick it out and an object
        // literal could not be checked against the variant its tag names.
        var tagTypes: [String: String] = [:]
        for tag in discriminators {
            tagTypes[tag.property] = tag.values.map(TypeScriptSyntax.stringLiteral).joined(separator: " | ")
            if let index = properties.firstIndex(where: { $0.name == tag.property }) {
                properties[index].required = true
                properties[index].schema = Schema(.string(.plain), description: properties[index].schema.description)
            } else {
                properties.insert(Property(name: tag.property, schema: Schema(.string(.plain)), required: true), at: 0)
            }
        }
        if properties.isEmpty {
            writer.line("export type \(name) = Record<string, \(object.closed ? "never" : "unknown")>;")
            return
        }
        writer.block("export interface \(name) {") { writer in
            for property in properties {
                writer.doc([context.documentation(property.schema)])
                let optional = property.required ? "" : "?"
                let type = tagTypes[property.name] ?? context.expression(property.schema)
                writer.line("\(TypeScriptSyntax.propertyKey(property.name))\(optional): \(type);")
            }
        }
    }

    /// Variant name → the discriminator properties and values its unions give it.
    private func discriminatorValues() -> [String: [(property: String, values: [String])]] {
        var result: [String: [(property: String, values: [String])]] = [:]
        for schema in context.model.schemas {
            guard case .union(let union) = schema.definition, let discriminator = union.discriminator else { continue }
            for variant in union.variants {
                var tags = result[variant] ?? []
                guard !tags.contains(where: { $0.property == discriminator.propertyName }) else { continue }
                tags.append((discriminator.propertyName, discriminator.values(of: variant)))
                result[variant] = tags
            }
        }
        return result
    }

    // MARK: Errors

    /// `ERROR_STATUS`: the HTTP status of each error code, right after `ErrorCode`.
    private func renderErrorStatus(into writer: inout TypeScriptWriter) {
        guard !context.model.errorCodes.isEmpty, case .enumeration? = context.definition(named: "ErrorCode") else { return }
        writer.line()
        writer.doc(["The HTTP status the server answers with for each error code."])
        let typeName = context.typeName(of: "ErrorCode")
        writer.block("export const ERROR_STATUS: Record<\(typeName), number> = {", closer: "};") { writer in
            for info in context.model.errorCodes {
                writer.line("\(TypeScriptSyntax.propertyKey(info.code)): \(info.status),")
            }
        }
    }

    // MARK: Operation parameters

    private func renderParameters(of operation: TypeScriptOperation, named name: String,
                                  into writer: inout TypeScriptWriter) {
        let spec = operation.operation
        writer.doc(["The parameters of `\(operation.methodName)` (\(spec.method) \(spec.path))."])
        writer.block("export interface \(name) {") { writer in
            for parameter in operation.parameters {
                let location = parameter.location == .header ? "Sent as the `\(parameter.name)` header." : nil
                let text = [parameter.description, location].compactMap { $0 }.joined(separator: " ")
                writer.doc([context.documentation(parameter.schema, description: text.isEmpty ? nil : text)])
                var schema = parameter.schema
                schema.nullable = false
                let optional = TypeScriptOperation.isOptional(parameter) ? "?" : ""
                writer.line("\(TypeScriptSyntax.propertyKey(parameter.name))\(optional): \(context.expression(schema));")
            }
        }
    }
}
