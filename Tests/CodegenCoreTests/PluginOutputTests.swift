import Foundation
import XCTest
@testable import CodegenCore

/// The build plugin declares the generator's output files by name, since a plugin cannot
/// import CodegenCore to ask `SwiftEmitter`. A file the emitter writes that the plugin does not
/// declare is never compiled; one the plugin declares that is never written fails the build.
/// These tests keep the two lists equal.
final class PluginOutputTests: XCTestCase {
    /// `Plugins/CodegenPlugin/CodegenPlugin.swift`, found from this file's place in the package.
    private static let pluginSource = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Plugins/CodegenPlugin/CodegenPlugin.swift")

    /// What opens the plugin's array literal of file names.
    private static let opener = "static let generatedFiles = ["

    /// The names in the plugin's `generatedFiles` literal. Fails the test, rather than guessing,
    /// when the literal holds anything but string literals.
    private func pluginFileNames() throws -> [String] {
        let source = try String(contentsOf: Self.pluginSource, encoding: .utf8)
        let opening = try XCTUnwrap(source.range(of: Self.opener), "no `\(Self.opener)` in \(Self.pluginSource.path)")
        let rest = source[opening.upperBound...]
        let closing = try XCTUnwrap(rest.firstIndex(of: "]"), "`generatedFiles` is not closed")
        var names: [String] = []
        for element in rest[..<closing].split(separator: ",") {
            let item = element.trimmingCharacters(in: .whitespacesAndNewlines)
            if item.isEmpty { continue }  // after the trailing comma
            guard item.count >= 2, item.first == "\"", item.last == "\"",
                  !item.dropFirst().dropLast().contains(where: { $0 == "\"" || $0 == "\\" }) else {
                XCTFail("`generatedFiles` should hold only plain string literals, found: \(item)")
                continue
            }
            names.append(String(item.dropFirst().dropLast()))
        }
        return names
    }

    /// The names `SwiftEmitter.emit` gives its files; they do not depend on the spec.
    private func emittedFileNames() throws -> [String] {
        let path = Fixtures.path("mini.yaml")
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let document = try YAMLParser.parse(text, file: path)
        let model = try ModelBuilder.build(document)
        return try SwiftEmitter.emit(model, specYAML: text, document: document).map(\.path)
    }

    func testPluginDeclaresExactlyTheFilesTheSwiftEmitterWrites() throws {
        let declared = try pluginFileNames()
        let emitted = try emittedFileNames()
        XCTAssertFalse(declared.isEmpty, "no file names read from \(Self.pluginSource.path)")
        // Sorted, not sets: a name declared twice is a mistake too.
        XCTAssertEqual(declared.sorted(), emitted.sorted(), """
            Plugins/CodegenPlugin/CodegenPlugin.swift `generatedFiles` and SwiftEmitter.emit disagree; \
            only in the plugin: \(Set(declared).subtracting(emitted).sorted()), \
            only in the emitter: \(Set(emitted).subtracting(declared).sorted())
            """)
    }
}
