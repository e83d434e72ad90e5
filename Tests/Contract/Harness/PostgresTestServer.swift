import Foundation
import Glibc

/// A PostgreSQL server of the test's own, made by `scripts/postgres-test-server.sh` in a
/// directory under /tmp: unlike the shared throwaway server, it can be stopped and started
/// again without disturbing other tests.
struct PostgresTestServer {
    /// A command of the script that failed, or PostgreSQL missing.
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// The server's data directory (and the script's).
    let directory: String
    /// `postgres://postgres@127.0.0.1:PORT/trading_test`.
    let url: String

    /// Whether a PostgreSQL server is installed where the script looks.
    static var isInstalled: Bool {
        ((try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? [])
            .contains { FileManager.default.isExecutableFile(atPath: "/usr/lib/postgresql/\($0)/bin/pg_ctl") }
    }

    /// Creates and starts a server in a new directory.
    static func start() throws -> PostgresTestServer {
        let directory = "/tmp/contract-pg-" + UUID().uuidString.prefix(8).lowercased()
        try run("start", directory)
        let url = try String(contentsOfFile: directory + "/url", encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        return PostgresTestServer(directory: directory, url: url)
    }

    /// Stops the server, keeping its data and port.
    func pause() throws { try Self.run("pause", directory) }

    /// Starts a paused server again on the same port.
    func resume() throws { try Self.run("resume", directory) }

    /// Stops the server and removes its directory.
    func remove() throws { try Self.run("stop", directory) }

    /// Runs the script, spawned and reaped directly: Foundation's `Process.waitUntilExit`
    /// never returns once the script has left a daemonised server holding descriptors it
    /// inherited.
    private static func run(_ command: String, _ directory: String) throws {
        let script = ContractPaths.packageRoot.appendingPathComponent("scripts/postgres-test-server.sh")
        let words: [String] = ["/bin/bash", script.path(percentEncoded: false), command, directory]
        let arguments = words.map { strdup($0) } + [nil]
        defer { arguments.forEach { free($0) } }
        var child = pid_t()
        guard posix_spawn(&child, "/bin/bash", nil, nil, arguments, environ) == 0 else {
            throw Failure(description: "could not run postgres-test-server.sh \(command)")
        }
        var status: Int32 = 0
        while waitpid(child, &status, 0) == -1 && errno == EINTR {}
        // WIFEXITED and WEXITSTATUS are macros Swift does not import: exited normally, with 0.
        guard status & 0x7f == 0, (status >> 8) & 0xff == 0 else {
            throw Failure(description: "postgres-test-server.sh \(command) \(directory) failed (wait status \(status))")
        }
    }
}

extension ServerProcess {
    /// A server with the contract servers' settings on a new schema of `postgres`, a PostgreSQL
    /// of its own that a test may stop and start again.
    static func start(onItsOwn postgres: PostgresTestServer, schema: String) throws -> ServerProcess {
        try PostgresShell.run(sql: "CREATE SCHEMA \(schema)", on: postgres.url)
        return try start(on: .postgres(serverURL: postgres.url, schema: schema), backend: .postgres,
                         arguments: ContractTestCase.serverArguments)
    }
}
