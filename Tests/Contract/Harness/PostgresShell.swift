import Foundation

/// Runs SQL through `psql`, so that the suite prepares PostgreSQL the way an operator would,
/// without linking the server's own database code.
enum PostgresShell {
    /// A statement that `psql` refused, with what it said.
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// Runs `sql` against the database at `url`, failing on the first error.
    static func run(sql: String, on url: String) throws {
        let process = Process()
        process.executableURL = try executable()
        process.arguments = ["-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", url, "-c", sql]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let said = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationReason == .exit, process.terminationStatus == 0 else {
            throw Failure(description: "psql \(sql): exit \(process.terminationStatus): \(said)")
        }
    }

    /// `psql` on the PATH, else the newest one Debian installs under /usr/lib/postgresql/N/bin.
    private static func executable() throws -> URL {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        let installed = ((try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? [])
            .compactMap(Int.init).sorted(by: >).map { "/usr/lib/postgresql/\($0)/bin" }
        for directory in path.split(separator: ":").map(String.init) + installed {
            let candidate = directory + "/psql"
            if FileManager.default.isExecutableFile(atPath: candidate) { return URL(fileURLWithPath: candidate) }
        }
        throw Failure(description: "psql is not installed (apt-get install postgresql-client)")
    }
}
