import Foundation

/// Where the suite finds what it tests: the package's files, located from this source file
/// so that the suite runs from any working directory.
enum ContractPaths {
    /// `Tests/Contract`.
    static let contractDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()

    /// The package root, two levels above `Tests/Contract`.
    static let packageRoot = contractDirectory.deletingLastPathComponent().deletingLastPathComponent()

    /// The spec every response is checked against.
    static let spec = packageRoot.appendingPathComponent("openapi.yaml")

    /// The operations still allowed to answer 501 (see `NotImplementedList`).
    static let notImplementedList = contractDirectory.appendingPathComponent("not-implemented.txt")

    /// The server under test: `TRADING_SERVER_BIN`, or what `swift build` leaves in `.build/debug`.
    static var serverBinary: URL {
        if let path = ProcessInfo.processInfo.environment["TRADING_SERVER_BIN"], !path.isEmpty {
            return URL(fileURLWithPath: path)
        }
        return packageRoot.appendingPathComponent(".build/debug/trading-server")
    }

    /// The Swift sources of the suite, which the coverage meta-test reads.
    static func contractSources() throws -> [URL] {
        guard let walker = FileManager.default.enumerator(at: contractDirectory, includingPropertiesForKeys: nil) else {
            throw CocoaError(.fileReadNoSuchFile, userInfo: [NSFilePathErrorKey: contractDirectory.path])
        }
        return walker.compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" }.sorted { $0.path < $1.path }
    }
}
