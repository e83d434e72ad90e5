/// Emits the Swift side of the spec as a fixed set of files, each one translation
/// (models, operations, handlers, protocol metadata, patterns).
public enum SwiftEmitter {
    /// A writer holding what every generated file starts with: the do-not-edit line and the
    /// imports.
    static func fileWriter() -> SwiftWriter {
        var writer = SwiftWriter()
        writer.line("// Generated from openapi.yaml by trading-server codegen. Do not edit.")
        writer.line()
        // The runtime the generated code calls, and the JSON vocabulary under it.
        writer.line("import APIRuntime")
        writer.line("import Primitives")
        writer.line()
        return writer
    }

    /// Every file: name → contents. `specYAML` is embedded for `/openapi.yaml`; the JSON form
    /// is derived from `document`. The build plugin lists the same file names (it cannot
    /// import this module) in `CodegenPlugin.generatedFiles`; `PluginOutputTests` checks that
    /// the two lists agree.
    public static func emit(_ model: OpenAPIModel, specYAML: String, document: YAMLNode) throws(SpecError) -> [(path: String, contents: String)] {
        let names = SwiftNames(model: model)
        let patterns = PatternRegistry()
        let checks = SwiftChecks(names: names, patterns: patterns)
        let models = SwiftModelsEmitter(names: names, checks: checks).render()
        let operations = SwiftOperationsEmitter(names: names, checks: checks).render()
        let handlers = SwiftHandlersEmitter(names: names).render()
        let protocolFile = SwiftProtocolEmitter(
            names: names, specYAML: specYAML, specJSON: JSONLiteral(document).jsonText, checks: checks).render()
        for source in patterns.sources {
            do {
                _ = try Regex(source)
            } catch {
                throw SpecError("pattern '\(source)' does not compile: \(error)", at: document.location)
            }
        }
        return [
            ("Models.swift", models),
            ("Operations.swift", operations),
            ("Handlers.swift", handlers),
            ("Protocol.swift", protocolFile),
            ("Patterns.swift", patterns.render()),
        ]
    }
}
