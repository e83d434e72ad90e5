/// Emits `Handlers.swift`: one protocol per tag whose methods answer 501 until implemented,
/// and `APIHandlers`, which decodes an operation's input and calls its handler. An operation
/// marked `x-runs-on: loop` has a synchronous method (it may not wait), which
/// `APIHandlers.handleOnLoop` calls on the event loop.
struct SwiftHandlersEmitter {
    /// The spec and its Swift spellings.
    let names: SwiftNames

    /// The protocol of a tag's operations.
    static func protocolName(_ tag: String) -> String { Naming.pascalCase(tag) + "API" }
    /// The `APIHandlers` property holding a tag's handler.
    static func propertyName(_ tag: String) -> String { SwiftNames.identifier(tag) }

    private var tags: [Tag] {
        names.model.tags.filter { tag in names.model.operations.contains { $0.tag == tag.name } }
    }

    /// The contents of `Handlers.swift`.
    func render() -> String {
        var writer = SwiftEmitter.fileWriter()
        for tag in tags {
            writeProtocol(tag, into: &writer)
            writer.line()
        }
        writeHandlers(into: &writer)
        return writer.text
    }

    private func signature(_ operation: Operation) -> String {
        "func \(SwiftNames.identifier(operation.id))(_ input: \(SwiftOperationsEmitter.inputName(operation)), "
            + "context: RequestContext) \(operation.runsOnLoop ? "" : "async ")throws -> \(SwiftOperationsEmitter.outputName(operation))"
    }

    private func writeProtocol(_ tag: Tag, into writer: inout SwiftWriter) {
        let name = Self.protocolName(tag.name)
        let operations = names.model.operations.filter { $0.tag == tag.name }
        writer.doc("The operations tagged `\(tag.name)`" + (tag.description.map { ": " + $0 } ?? "."))
        writer.block("public protocol \(name): Sendable {") { writer in
            for (index, operation) in operations.enumerated() {
                if index > 0 { writer.line() }
                writer.doc(operation.summary)
                writer.line("/// `\(operation.method) \(operation.path)`, role: \(operation.requiredRole.rawValue)"
                            + (operation.runsOnLoop ? "; runs on the event loop, so it must not block" : "")
                            + (operation.cachedPerSnapshot ? "; its answer is kept per snapshot, so it must depend on nothing else." : "."))
                writer.line(signature(operation))
            }
        }
        writer.line()
        writer.block("extension \(name) {") { writer in
            for (index, operation) in operations.enumerated() {
                if index > 0 { writer.line() }
                writer.block("public \(signature(operation)) {") { writer in
                    writer.line("throw APIError(.notImplemented)")
                }
            }
        }
        writer.line()
        writer.line("/// A `\(name)` whose every operation answers 501 `NOT_IMPLEMENTED`.")
        writer.block("public struct Unimplemented\(name): \(name) {") { writer in
            writer.line("public init() {}")
        }
    }

    private func writeHandlers(into writer: inout SwiftWriter) {
        writer.line("/// The handlers of every tag; an operation without one answers 501 `NOT_IMPLEMENTED`.")
        writer.block("public struct APIHandlers: Sendable {") { writer in
            for tag in tags {
                writer.line("public var \(Self.propertyName(tag.name)): any \(Self.protocolName(tag.name))")
            }
            writer.line()
            writer.line("public init(")
            writer.indented { writer in
                // One parameter a line; `lines` keeps the one empty line there is when no tag has operations.
                writer.lines(tags.map {
                    "\(Self.propertyName($0.name)): any \(Self.protocolName($0.name)) = Unimplemented\(Self.protocolName($0.name))()"
                }.joined(separator: ",\n"))
            }
            writer.block(") {") { writer in
                for tag in tags {
                    let property = Self.propertyName(tag.name)
                    writer.line("self.\(property) = \(property)")
                }
            }
            writer.line()
            writer.line("/// Decodes the input of `operation` from `request` and answers it with its handler.")
            writer.line("public func handle(")
            writer.indented { writer in
                writer.line("_ operation: OperationID, request: RouteRequest, pathParameters: [String], context: RequestContext")
            }
            writer.block(") async throws -> RenderedResponse {") { writer in
                writer.switchBlock("operation") { writer in
                    for operation in names.model.operations {
                        let method = SwiftNames.identifier(operation.id)
                        writer.caseBlock("case .\(method):") { writer in
                            writer.line("let input = try \(SwiftOperationsEmitter.inputName(operation))"
                                        + ".decode(request, pathParameters: pathParameters)")
                            writer.line("return try \(operation.runsOnLoop ? "" : "await ")\(Self.propertyName(operation.tag))"
                                        + ".\(method)(input, context: context).render()")
                        }
                    }
                }
            }
            writer.line()
            writeHandleOnLoop(into: &writer)
        }
    }

    /// `handleOnLoop`: the synchronous answer of an `x-runs-on: loop` operation; nil for the others.
    private func writeHandleOnLoop(into writer: inout SwiftWriter) {
        let loopOperations = names.model.operations.filter(\.runsOnLoop)
        writer.line("/// Answers an `x-runs-on: loop` operation synchronously, on the caller's thread; nil for an")
        writer.line("/// operation that runs on the pool (`handle`).")
        writer.line("public func handleOnLoop(")
        writer.indented { writer in
            writer.line("_ operation: OperationID, request: RouteRequest, pathParameters: [String], context: RequestContext")
        }
        writer.block(") throws -> RenderedResponse? {") { writer in
            guard !loopOperations.isEmpty else { return writer.line("nil") }
            writer.switchBlock("operation") { writer in
                for operation in loopOperations {
                    let method = SwiftNames.identifier(operation.id)
                    writer.caseBlock("case .\(method):") { writer in
                        writer.line("let input = try \(SwiftOperationsEmitter.inputName(operation))"
                                    + ".decode(request, pathParameters: pathParameters)")
                        writer.line("return try \(Self.propertyName(operation.tag)).\(method)(input, context: context).render()")
                    }
                }
                writer.caseBlock("default:") { writer in
                    writer.line("return nil")
                }
            }
        }
    }
}
