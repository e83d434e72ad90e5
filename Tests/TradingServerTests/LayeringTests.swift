import Foundation
import XCTest

/// The targets keep ARCHITECTURE.md's direction: each imports only targets below it in the
/// table (the composition root may import all), so no file can reach upward or sideways.
final class LayeringTests: XCTestCase {
    /// Every product target and the targets it may import (its own table row, closed downward).
    private static let allowed: [String: Set<String>] = {
        let rows: [(String, [String])] = [
            ("Primitives", []),
            ("CodegenCore", ["CYAML", "Primitives"]),
            ("Server", ["Primitives", "COpenSSL", "CLinux"]),
            ("APIRuntime", ["Primitives"]),
            ("Backends", ["Primitives", "CSQLite", "CPostgres"]),
            ("Security", ["Primitives", "COpenSSL"]),
            ("Accounts", ["Security", "Backends"]),
            ("Engine", ["Primitives", "Backends"]),
            // Outside services over HTTP; only this target reaches the network as a client,
            // through its own HTTP client over libssl (FoundationNetworking would bring libcurl).
            ("Connectors", ["Engine", "COpenSSL"]),
            ("Handlers", ["Generated", "Engine", "Accounts"]),
            ("Gateway", ["Server", "Generated", "Handlers", "Accounts", "Engine"]),
        ]
        var closed: [String: Set<String>] = ["Generated": ["APIRuntime", "Primitives"]]
        for (target, direct) in rows {
            closed[target] = direct.reduce(into: Set(direct)) { $0.formUnion(closed[$1] ?? []) }
        }
        return closed
    }()

    /// Modules of the toolchain and the C libraries, importable anywhere.
    private static let system: Set<String> = ["Foundation", "FoundationEssentials", "Dispatch", "Synchronization", "Glibc", "Musl", "Darwin"]

    func testNoTargetImportsUpwardOrSideways() throws {
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Sources").standardized
        var violations: [String] = []
        for (target, allowed) in Self.allowed {
            let folder = sources.appendingPathComponent(target)
            guard let files = FileManager.default.enumerator(atPath: folder.path) else { return XCTFail("no folder \(folder.path)") }
            for case let file as String in files where file.hasSuffix(".swift") {
                let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
                for line in text.split(separator: "\n") where line.hasPrefix("import ") || line.hasPrefix("@testable import ") {
                    let module = String(line.split(separator: " ").last ?? "")
                    if !allowed.contains(module) && !Self.system.contains(module) {
                        violations.append("\(target)/\(file) imports \(module)")
                    }
                }
            }
        }
        XCTAssertEqual(violations.sorted(), [], "imports against the direction of ARCHITECTURE.md's target table")
    }
}
