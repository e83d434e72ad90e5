/// Collects the `pattern`s met while emitting and names each once.
final class PatternRegistry {
    private(set) var sources: [String] = []

    /// The expression of the compiled pattern.
    func reference(_ source: String) -> String {
        if let index = sources.firstIndex(of: source) { return "SpecPatterns.p\(index)" }
        sources.append(source)
        return "SpecPatterns.p\(sources.count - 1)"
    }

    /// The file declaring every pattern.
    func render() -> String {
        var writer = SwiftEmitter.fileWriter()
        writer.line("/// The `pattern` keywords of the spec, compiled once.")
        writer.block("enum SpecPatterns {") { writer in
            for (index, source) in sources.enumerated() {
                writer.line("static let p\(index) = Pattern(\(SwiftLiteral.raw(source)))")
            }
        }
        return writer.text
    }
}
