import Foundation
import XCTest
@testable import CodegenCore

/// The whole pipeline on files: broken specs give located errors, never crashes.
final class CodegenPipelineTests: XCTestCase {
    private func write(_ text: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("spec-\(UUID().uuidString).yaml").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        addTeardownBlock { try? FileManager.default.removeItem(atPath: path) }
        return path
    }

    private func failure(_ text: String) throws -> String {
        let path = try write(text)
        do {
            _ = try CodegenPipeline.generate(.swift, specPath: path)
            XCTFail("expected an error")
            return ""
        } catch {
            return String(describing: error).replacingOccurrences(of: path, with: "spec.yaml")
        }
    }

    func testYAMLSyntaxErrorNamesFileLineAndColumn() throws {
        let message = try failure("openapi: 3.1.0\ninfo:\n  title: \"unterminated\n")
        XCTAssertTrue(message.hasPrefix("spec.yaml:"), message)
        XCTAssertTrue(message.contains(": error: "), message)
    }

    func testSchemaErrorNamesFileLineAndColumn() throws {
        let message = try failure(Fixtures.spec(schemas: "A: {type: object, properties: {b: {type: strange}}}"))
        XCTAssertEqual(message, "spec.yaml:6:46: error: unsupported type 'strange'")
    }

    func testSelfReferencingPointerIsACycleNotARecursion() throws {
        let message = try failure(Fixtures.spec(schemas: """
        A:
          type: object
          properties:
            b: {$ref: '#/components/schemas/A/properties/b'}
        """))
        XCTAssertTrue(message.contains("$ref cycle"), message)
    }

    func testInvalidPatternIsReportedNotTrapped() throws {
        let message = try failure(Fixtures.spec(schemas: "A: {type: object, properties: {b: {type: string, pattern: '([a-z'}}}"))
        XCTAssertTrue(message.contains("pattern '([a-z' does not compile"), message)
    }

    func testMissingFileIsAnError() {
        XCTAssertThrowsError(try CodegenPipeline.generate(.swift, specPath: "/nonexistent/openapi.yaml"))
    }

    /// Every spec obtained by deleting one line of the fixture either generates or fails
    /// with a located error; none crashes the generator.
    func testEveryOneLineDeletionOfTheFixtureFailsCleanlyOrGenerates() throws {
        let lines = try String(contentsOfFile: Fixtures.path("mini.yaml"), encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: false)
        var failures = 0
        for index in lines.indices {
            var copy = lines
            copy.remove(at: index)
            let path = try write(copy.joined(separator: "\n"))
            for target in [CodegenPipeline.Target.swift, .typescript] {
                do {
                    _ = try CodegenPipeline.generate(target, specPath: path)
                } catch {
                    failures += 1
                    XCTAssertTrue(String(describing: error).contains(": error: "), "line \(index + 1): \(error)")
                }
            }
        }
        XCTAssertGreaterThan(failures, 0)
    }
}
