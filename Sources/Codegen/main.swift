import CodegenCore
import Foundation

/// `codegen swift|typescript SPEC OUTPUT_DIR` writes the generated files;
/// `codegen check SPEC` only validates the spec. Errors name file, line and column.
let usage = "usage: codegen swift|typescript|check SPEC [OUTPUT_DIR]\n"
let arguments = CommandLine.arguments.dropFirst()

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data((message + "\n").utf8))
    exit(1)
}

guard let command = arguments.first, arguments.count >= 2 else { fail(usage) }
let specPath = arguments[arguments.startIndex + 1]
let started = Date()
do {
    switch command {
    case "check":
        let model = try ModelBuilder.build(contentsOf: specPath)
        print("\(specPath): \(model.operations.count) operations, \(model.schemas.count) schemas, "
              + "\(model.errorCodes.count) error codes, \(model.webSockets.count) WebSocket endpoints")
    case "swift", "typescript":
        guard arguments.count == 3 else { fail(usage) }
        let files = try CodegenPipeline.generate(CodegenPipeline.Target(rawValue: command)!, specPath: specPath)
        let written = try CodegenPipeline.write(files, to: arguments[arguments.startIndex + 2])
        let elapsed = Int(Date().timeIntervalSince(started) * 1000)
        FileHandle.standardError.write(Data("codegen \(command): \(files.count) files (\(written.count) changed) in \(elapsed) ms\n".utf8))
    default:
        fail(usage)
    }
} catch {
    fail("\(error)")
}
