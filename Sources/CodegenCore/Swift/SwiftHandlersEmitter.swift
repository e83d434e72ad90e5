/// Emits `Handlers.swift`: one protocol per tag whose methods answer 501 until implemented,
/// and `APIHandlers`, which decodes an operation's input and calls its handler.
struct SwiftHandlersEmitter {
    let names: SwiftNames

    static func protocolName(_ tag: String) -> String { Naming.pascalCase(tag) + "API" }
    static func propertyName(_ tag: String) -> String { SwiftNames.identifier(tag) }

    private var tags: [Tag] {
        names.model.tags.filter { tag in names.model.operations.contains { $0.tag == tag.name } }
    }

    func render() -> String {
        var out = SwiftEmitter.header
        for tag in tags {
            out += renderProtocol(tag) + "\n"
        }
        out += renderHandlers()
        return out
    }

    private func signature(_ operation: Operation) -> String {
        "func \(SwiftNames.identifier(operation.id))(_ input: \(SwiftOperationsEmitter.inputName(operation)), "
            + "context: RequestContext) async throws -> \(SwiftOperationsEmitter.outputName(operation))"
    }

    private func renderProtocol(_ tag: Tag) -> String {
        let name = Self.protocolName(tag.name)
        let operations = names.model.operations.filter { $0.tag == tag.name }
        var out = SwiftLiteral.doc("The operations tagged `\(tag.name)`" + (tag.description.map { ": " + $0 } ?? "."))
        out += "public protocol \(name): Sendable {\n"
        for (index, operation) in operations.enumerated() {
            if index > 0 { out += "\n" }
            out += SwiftLiteral.doc(operation.summary, indent: "    ")
            out += "    /// `\(operation.method) \(operation.path)`, role: \(operation.requiredRole.rawValue).\n"
            out += "    \(signature(operation))\n"
        }
        out += "}\n\n"
        out += "extension \(name) {\n"
        for (index, operation) in operations.enumerated() {
            if index > 0 { out += "\n" }
            out += "    public \(signature(operation)) {\n"
            out += "        throw APIError(.notImplemented)\n"
            out += "    }\n"
        }
        out += "}\n\n"
        out += "/// A `\(name)` whose every operation answers 501 `NOT_IMPLEMENTED`.\n"
        out += "public struct Unimplemented\(name): \(name) {\n    public init() {}\n}\n"
        return out
    }

    private func renderHandlers() -> String {
        var out = "/// The handlers of every tag; an operation without one answers 501 `NOT_IMPLEMENTED`.\n"
        out += "public struct APIHandlers: Sendable {\n"
        for tag in tags {
            out += "    public var \(Self.propertyName(tag.name)): any \(Self.protocolName(tag.name))\n"
        }
        out += "\n    public init(\n"
        out += tags.map {
            "        \(Self.propertyName($0.name)): any \(Self.protocolName($0.name)) = Unimplemented\(Self.protocolName($0.name))()"
        }.joined(separator: ",\n")
        out += "\n    ) {\n"
        for tag in tags {
            let property = Self.propertyName(tag.name)
            out += "        self.\(property) = \(property)\n"
        }
        out += "    }\n\n"
        out += "    /// Decodes the input of `operation` from `request` and answers it with its handler.\n"
        out += "    public func handle(\n"
        out += "        _ operation: OperationID, request: RouteRequest, pathParameters: [String], context: RequestContext\n"
        out += "    ) async throws -> RenderedResponse {\n"
        out += "        switch operation {\n"
        for operation in names.model.operations {
            let method = SwiftNames.identifier(operation.id)
            out += "        case .\(method):\n"
            out += "            let input = try \(SwiftOperationsEmitter.inputName(operation)).decode(request, pathParameters: pathParameters)\n"
            out += "            return try await \(Self.propertyName(operation.tag)).\(method)(input, context: context).render()\n"
        }
        out += "        }\n    }\n}\n"
        return out
    }
}
