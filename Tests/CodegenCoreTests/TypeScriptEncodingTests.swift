import Foundation
import XCTest
@testable import CodegenCore

/// The generated client run by Node.js against a fetch that records URLs: a caller passes a
/// symbol as it is (`BTC/USDT`) and the client percent-encodes it exactly once, in a path
/// segment and in a query.
final class TypeScriptEncodingTests: XCTestCase {
    func testSymbolsAreEncodedOnceInPathsAndQueries() throws {
        let tsc = "/usr/bin/tsc"
        let node = "/usr/bin/node"
        guard FileManager.default.isExecutableFile(atPath: tsc), FileManager.default.isExecutableFile(atPath: node) else {
            throw XCTSkip("tsc or node is not installed (apt-get install node-typescript)")
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("typescript-encoding-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let model = try ModelBuilder.build(contentsOf: SpecConformanceTests.specPath)
        // The sources only: the package's `"type": "module"` would make Node read the CommonJS output as ES modules.
        for file in TypeScriptEmitter.emit(model) where file.path.hasPrefix("src/") {
            let url = directory.appendingPathComponent(file.path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try file.contents.write(to: url, atomically: true, encoding: .utf8)
        }
        let compiled = directory.appendingPathComponent("out")
        try run(tsc, ["--outDir", compiled.path, "--module", "commonjs", "--target", "es2020", "--lib", "es2020,dom",
                      "--strict", directory.appendingPathComponent("src/client.ts").path])
        let script = directory.appendingPathComponent("calls.cjs")
        try """
            const { TradingClient } = require("./out/client.js");
            const urls = [];
            const fetch = async (url) => {
              urls.push(url);
              return new Response("{}", { status: 200, headers: { "content-type": "application/json" } });
            };
            const client = new TradingClient({ baseUrl: "http://server", accessToken: "t", fetch });
            (async () => {
              await client.getMarketPrice({ symbol: "BTC/USDT" });
              await client.removeWatchlistItem({ id: "7", symbol: "BTC/USDT" });
              await client.listOrders({ symbol: "BTC/USDT" });
              console.log(urls.join("\\n"));
            })();
            """.write(to: script, atomically: true, encoding: .utf8)
        let output = try run(node, [script.path])
        XCTAssertEqual(output.split(separator: "\n"), [
            "http://server/api/v1/market/price/BTC%2FUSDT",
            "http://server/api/v1/watchlist/7/items/BTC%2FUSDT",
            "http://server/api/v1/orders?symbol=BTC%2FUSDT",
        ])
    }

    /// Runs a tool; its standard output, or a failure carrying what it printed.
    @discardableResult
    private func run(_ tool: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, "\(tool) reported:\n\(text)")
        return text
    }
}
