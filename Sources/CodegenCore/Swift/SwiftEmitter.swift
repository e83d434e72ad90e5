/// Emits the Swift side of the spec as a fixed set of files, each one translation
/// (models, operations, handlers, protocol metadata, patterns).
public enum SwiftEmitter {
    static let header = "// Generated from openapi.yaml by trading-server codegen. Do not edit.\n\nimport APIRuntime\nimport Primitives\n\n"

    /// Every file: name → contents. `specYAML` is embedded for `/openapi.yaml`; the JSON form
    /// is derived from `document`. The build plugin lists the same file names (it cannot
    /// import this module), so a file added here must be added there too.
    public static func emit(_ model: OpenAPIModel, specYAML: String, document: YAMLNode) throws(SpecError) -> [(path: String, contents: String)] {
        let names = SwiftNames(model: model)
        let patterns = PatternRegistry()
        let checks = SwiftChecks(names: names, patterns: patterns)
        let models = SwiftModelsEmitter(names: names, checks: checks).render()
        let operations = SwiftOperationsEmitter(names: names, checks: checks).render()
        let handlers = SwiftHandlersEmitter(names: names).render()
        let protocolFile = SwiftProtocolEmitter(
            names: names, specYAML: specYAML, specJSON: JSONLiteral(document).jsonText).render()
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
