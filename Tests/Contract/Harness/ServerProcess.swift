import Foundation
import Glibc

/// The real `trading-server serve --port 0` on an empty database of its own, as the external
/// suite starts it (tests/external/conftest.py): the port is read back from its
/// "listening on" log line, the bootstrap admin's password and the JWT secret are fixed, and
/// no `TRADING_*` setting of the developer's shell reaches it.
///
/// `@unchecked Sendable`: XCTest runs the tests of a class one after another, so the one
/// `Process` inside is never used from two threads at once.
final class ServerProcess: @unchecked Sendable {
    /// The bootstrap admin the server creates on an empty database.
    static let adminUsername = "admin"
    /// Its password (`TRADING_ADMIN_PASSWORD`).
    static let adminPassword = "contract-admin-password-1"
    /// A fixed JWT secret (`TRADING_JWT_SECRET`), so that runs are alike.
    static let jwtSecret = "contract-suite-jwt-secret-0123456789abcdef"

    /// How long a server may take to log its port.
    static let startupTimeout = 15.0
    /// How long it may take to exit after SIGTERM (the external suite allows the same).
    static let shutdownTimeout = 5.0

    /// A server that would not start, or a binary that is missing.
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// How the server ended after `stop()`.
    struct Shutdown: CustomStringConvertible {
        /// True for exit status 0 within `shutdownTimeout`.
        let isClean: Bool
        /// How it ended, with the log when it did not end well.
        let description: String
    }

    /// The backend the server runs on.
    let backend: ContractBackend
    /// The port it listens on, at 127.0.0.1.
    let port: Int
    private let process: Process
    private let directory: URL
    private let database: ScratchDatabase
    /// False for a sibling: the database belongs to the server it shares it with.
    private let ownsDatabase: Bool
    private var discarded = false

    /// Starts a server on a fresh database of `backend`, with `arguments` added to `serve`.
    static func start(backend: ContractBackend, arguments: [String]) throws -> ServerProcess {
        try start(backend: backend, arguments: arguments, sharing: nil)
    }

    /// Starts a second server on the database of `other` (as a second instance of a deployment
    /// would); stopping it leaves the database to `other`.
    static func startSibling(of other: ServerProcess, arguments: [String]) throws -> ServerProcess {
        try start(backend: other.backend, arguments: arguments, sharing: other.database)
    }

    /// Starts a server on `database`, which the caller made and removes.
    static func start(on database: ScratchDatabase, backend: ContractBackend, arguments: [String]) throws -> ServerProcess {
        try start(backend: backend, arguments: arguments, sharing: database)
    }

    private static func start(backend: ContractBackend, arguments: [String], sharing: ScratchDatabase?) throws -> ServerProcess {
        let binary = ContractPaths.serverBinary
        guard FileManager.default.isExecutableFile(atPath: binary.path) else {
            throw Failure(description: "the server binary \(binary.path) is missing: run `swift build --build-tests` first (or set TRADING_SERVER_BIN)")
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("contract-\(backend.rawValue)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("data"), withIntermediateDirectories: true)
        let database = try sharing ?? ScratchDatabase.create(for: backend, in: directory)
        let log = directory.appendingPathComponent("server.log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let process = Process()
        process.executableURL = binary
        process.arguments = ["serve", "--port", "0", "--threads", "2", "--database", database.url,
                             "--data-dir", directory.appendingPathComponent("data").path] + arguments
        // As conftest.py does: the package root, where the server finds sample-data/.
        process.currentDirectoryURL = ContractPaths.packageRoot
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("TRADING_") }
        environment["TRADING_ADMIN_PASSWORD"] = adminPassword
        environment["TRADING_JWT_SECRET"] = jwtSecret
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = try FileHandle(forWritingTo: log)
        try process.run()
        do {
            let port = try waitForPort(of: process, log: log)
            ContractLedger.shared.register(port: port, backend: backend)
            return ServerProcess(backend: backend, port: port, process: process, directory: directory, database: database,
                                 ownsDatabase: sharing == nil)
        } catch {
            if process.isRunning { process.terminate() }
            process.waitUntilExit()
            if sharing == nil { try? database.drop() }
            throw error
        }
    }

    private init(backend: ContractBackend, port: Int, process: Process, directory: URL, database: ScratchDatabase, ownsDatabase: Bool) {
        self.ownsDatabase = ownsDatabase
        self.backend = backend
        self.port = port
        self.process = process
        self.directory = directory
        self.database = database
    }

    /// Polls the log for "listening on http://127.0.0.1:PORT".
    private static func waitForPort(of process: Process, log: URL) throws -> Int {
        let deadline = Date().addingTimeInterval(startupTimeout)
        let listening = try NSRegularExpression(pattern: "listening on https?://127\\.0\\.0\\.1:([0-9]+)")
        while Date() < deadline {
            let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
            if let match = listening.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)),
               let range = Range(match.range(at: 1), in: text), let port = Int(text[range]) {
                return port
            }
            guard process.isRunning else {
                throw Failure(description: "the server exited with \(process.terminationStatus) before listening:\n\(text)")
            }
            Thread.sleep(forTimeInterval: 0.02)
        }
        throw Failure(description: "the server did not log its port within \(startupTimeout) s:\n\(Self.tail(of: log))")
    }

    /// Runs another command of the server's binary on this server's database, as an operator
    /// would next to the running server (`import-executions FILE`), with `files` (name: text)
    /// written into the server's folder first and each `{name}` in `arguments` replaced by its
    /// path; answers its exit status and what it wrote to standard output and error.
    func runCommand(_ arguments: [String], files: [String: String] = [:]) throws -> (status: Int32, output: String) {
        var paths: [String: String] = [:]
        for (name, text) in files {
            let url = directory.appendingPathComponent(name)
            try text.write(to: url, atomically: true, encoding: .utf8)
            paths["{\(name)}"] = url.path
        }
        let command = Process()
        command.executableURL = ContractPaths.serverBinary
        command.arguments = arguments.map { paths[$0] ?? $0 } + ["--database", database.url]
        command.currentDirectoryURL = ContractPaths.packageRoot
        command.environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("TRADING_") }
        command.standardInput = FileHandle.nullDevice
        let output = Pipe()
        command.standardOutput = output
        command.standardError = output
        try command.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        command.waitUntilExit()
        return (command.terminationStatus, text)
    }

    /// The server's log so far (one JSON line per event and request), its last 4,000 characters.
    var log: String {
        Self.tail(of: directory.appendingPathComponent("server.log"))
    }

    /// The paths of the files the server process has mapped (its executable, the shared
    /// libraries it loaded), from /proc/PID/maps.
    var mappedFiles: Set<String> {
        // Read to the end: a /proc file reports no size, which whole-file readers trust.
        let handle = FileHandle(forReadingAtPath: "/proc/\(process.processIdentifier)/maps")
        defer { try? handle?.close() }
        let maps = String(decoding: (try? handle?.readToEnd()) ?? Data(), as: UTF8.self)
        return Set(maps.split(separator: "\n").compactMap { line in
            line.split(separator: " ", omittingEmptySubsequences: true).dropFirst(5).first.map(String.init)
        }.filter { $0.hasPrefix("/") })
    }

    /// The whole log so far.
    var wholeLog: String {
        (try? String(contentsOf: directory.appendingPathComponent("server.log"), encoding: .utf8)) ?? ""
    }

    /// SIGTERM, then up to `shutdownTimeout` for the process to exit (SIGKILL after that);
    /// the database and the directory are removed either way, unless `keepingFiles` (a
    /// sibling still uses the database; `kill()` removes them later).
    func stop(keepingFiles: Bool = false) -> Shutdown {
        defer { if !keepingFiles { discardFiles() } }
        guard process.isRunning else {
            return Shutdown(isClean: false, description: "the server had already exited with \(process.terminationStatus):\n\(log)")
        }
        let started = Date()
        process.terminate()
        while process.isRunning, Date().timeIntervalSince(started) < Self.shutdownTimeout {
            Thread.sleep(forTimeInterval: 0.01)
        }
        let seconds = String(format: "%.2f", Date().timeIntervalSince(started))
        if process.isRunning {
            Glibc.kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            return Shutdown(isClean: false, description: "the server was still running \(seconds) s after SIGTERM (killed):\n\(log)")
        }
        process.waitUntilExit()
        let ending = process.terminationReason == .exit ? "exit status \(process.terminationStatus)" : "signal \(process.terminationStatus)"
        let clean = process.terminationReason == .exit && process.terminationStatus == 0
        return Shutdown(isClean: clean, description: "\(ending) \(seconds) s after SIGTERM" + (clean ? "" : ":\n\(log)"))
    }

    /// Ends the server without ceremony (cleanup after a failed class).
    func kill() {
        if process.isRunning {
            Glibc.kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        discardFiles()
    }

    private func discardFiles() {
        guard !discarded else { return }
        discarded = true
        if ownsDatabase { try? database.drop() }
        try? FileManager.default.removeItem(at: directory)
    }

    /// The last 4,000 characters of a file, for failure messages.
    private static func tail(of file: URL) -> String {
        let text = (try? String(contentsOf: file, encoding: .utf8)) ?? ""
        return text.count > 4000 ? "…" + String(text.suffix(4000)) : text
    }
}
