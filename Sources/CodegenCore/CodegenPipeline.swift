import Foundation

/// The generator as one pipeline: read → parse YAML → build the model → emit.
public enum CodegenPipeline {
    /// The languages the generator writes.
    public enum Target: String, Sendable {
        case swift
        case typescript
    }

    /// The files for `target` from the spec at `specPath`.
    public static func generate(_ target: Target, specPath: String) throws -> [(path: String, contents: String)] {
        let text: String
        do {
            text = try String(contentsOfFile: specPath, encoding: .utf8)
        } catch {
            throw SpecError("cannot read the spec: \(error.localizedDescription)", at: SourceLocation(file: specPath, line: 0, column: 0))
        }
        let document = try YAMLParser.parse(text, file: specPath)
        let model = try ModelBuilder.build(document)
        switch target {
        case .swift: return try SwiftEmitter.emit(model, specYAML: text, document: document)
        case .typescript: return TypeScriptEmitter.emit(model)
        }
    }

    /// Writes `files` under `directory`, leaving files whose contents are unchanged untouched
    /// so that builds stay incremental. Returns the paths written.
    @discardableResult
    public static func write(_ files: [(path: String, contents: String)], to directory: String) throws -> [String] {
        var written: [String] = []
        let manager = FileManager.default
        for file in files {
            let url = URL(fileURLWithPath: directory).appendingPathComponent(file.path)
            try manager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            let data = Data(file.contents.utf8)
            if let existing = manager.contents(atPath: url.path), existing == data { continue }
            try data.write(to: url, options: .atomic)
            written.append(url.path)
        }
        return written
    }
}
