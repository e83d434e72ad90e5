import Foundation
@testable import CodegenCore

/// The test inputs: fixture files next to this source file, and small specs written inline.
enum Fixtures {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    /// A minimal OpenAPI 3.1 spec with `paths` (a flow mapping, or block lines) and `schemas`
    /// under `components.schemas`, each line indented by four spaces (from line 6 on when
    /// `paths` is one line).
    static func spec(schemas: String, paths: String = "{}") -> String {
        """
        openapi: 3.1.0
        info: {title: T, version: '1'}
        paths: \(paths)
        components:
          schemas:
        \(schemas.split(separator: "\n").map { "    " + $0 }.joined(separator: "\n"))
        """
    }

    /// The model of a spec written inline (reported as `spec.yaml`).
    static func model(_ yaml: String) throws(SpecError) -> OpenAPIModel {
        try ModelBuilder.build(YAMLParser.parse(yaml, file: "spec.yaml"))
    }

    /// The error building the model of `yaml` stops at, or nil when it builds.
    static func buildError(_ yaml: String) -> SpecError? {
        do {
            _ = try model(yaml)
            return nil
        } catch {
            return error
        }
    }
}
