import XCTest
@testable import CodegenCore

/// The emitters' output for `Fixtures/mini.yaml` equals the committed golden files.
/// Run with `UPDATE_GOLDEN=1` to rewrite them after an intended change, then review the diff.
final class GoldenTests: XCTestCase {
    private func check(_ target: CodegenPipeline.Target) throws {
        let files = try CodegenPipeline.generate(target, specPath: Fixtures.path("mini.yaml"))
        let folder = Fixtures.directory.appendingPathComponent("golden").appendingPathComponent(target.rawValue)
        if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" {
            try? FileManager.default.removeItem(at: folder)
            try CodegenPipeline.write(files.map { ($0.path + ".golden", $0.contents) }, to: folder.path)
            return
        }
        for file in files {
            let url = folder.appendingPathComponent(file.path + ".golden")
            let expected = try String(contentsOf: url, encoding: .utf8)
            if expected != file.contents {
                let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
                let actualLines = file.contents.split(separator: "\n", omittingEmptySubsequences: false)
                let index = zip(expectedLines, actualLines).enumerated().first(where: { $0.element.0 != $0.element.1 })?.offset
                    ?? min(expectedLines.count, actualLines.count)
                XCTFail("""
                \(file.path) differs from its golden file at line \(index + 1):
                  expected: \(index < expectedLines.count ? String(expectedLines[index]) : "<end of file>")
                  actual:   \(index < actualLines.count ? String(actualLines[index]) : "<end of file>")
                """)
            }
        }
        let goldenNames = try FileManager.default.subpathsOfDirectory(atPath: folder.path)
            .filter { $0.hasSuffix(".golden") }.map { String($0.dropLast(".golden".count)) }.sorted()
        XCTAssertEqual(goldenNames, files.map(\.path).sorted())
    }

    func testSwiftOutputMatchesGoldenFiles() throws {
        try check(.swift)
    }

    func testTypeScriptOutputMatchesGoldenFiles() throws {
        try check(.typescript)
    }

    func testOutputIsDeterministic() throws {
        let first = try CodegenPipeline.generate(.swift, specPath: Fixtures.path("mini.yaml"))
        let second = try CodegenPipeline.generate(.swift, specPath: Fixtures.path("mini.yaml"))
        XCTAssertTrue(first.elementsEqual(second, by: { $0.path == $1.path && $0.contents == $1.contents }))
    }
}
