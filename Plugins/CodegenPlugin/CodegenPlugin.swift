import Foundation
import PackagePlugin

/// Runs the code generator on the package's `openapi.yaml` and adds the generated Swift
/// files to the target (the `Generated` target).
@main
struct CodegenPlugin: BuildToolPlugin {
    /// The files `SwiftEmitter.emit` writes; a plugin cannot import CodegenCore to ask it.
    /// `PluginOutputTests` reads this literal (string literals only, one array) and fails when it
    /// and the emitter disagree.
    static let generatedFiles = [
        "Models.swift",
        "Operations.swift",
        "Handlers.swift",
        "Protocol.swift",
        "Patterns.swift",
    ]

    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let spec = context.package.directoryURL.appending(path: "openapi.yaml")
        let output = context.pluginWorkDirectoryURL.appending(path: "GeneratedSources")
        let tool = try context.tool(named: "Codegen")
        return [
            .buildCommand(
                displayName: "Generating Swift from openapi.yaml",
                executable: tool.url,
                arguments: ["swift", spec.path(percentEncoded: false), output.path(percentEncoded: false)],
                inputFiles: [spec],
                outputFiles: Self.generatedFiles.map { output.appending(path: $0) })
        ]
    }
}
