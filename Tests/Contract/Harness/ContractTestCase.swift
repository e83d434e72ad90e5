import Foundation
import Synchronization
import XCTest

/// A test class whose tests share one server (started by the first test, stopped by
/// `testWhenSentSIGTERMTheServerExitsCleanly` or, failing that, when the class ends):
/// starting one per test would make the suite slow. XCTest runs a class's tests in name
/// order, and that name sorts last in every class, so a class starts one server; a test
/// running after it would start another, which costs time but changes no result.
/// Subclasses pick the backend; XCTest on Linux runs only the methods a class declares
/// itself, so every concern has one class per backend listing the suite's behaviours (as
/// Tests/BackendTests/ConformanceTests.swift does).
class ContractTestCase: XCTestCase {
    /// The backend of this class's server.
    class var backend: ContractBackend { .sqlite }

    /// Extra `serve` options. A generous login limit, so that tests logging in many users
    /// do not meet it; `LimitsContract` and `AllowlistContract` set their own. The market moves
    /// and publishes every 50 ms (`--feed-tick-ms`, `--market-publish-ms`), so that stream
    /// tests see every kind of update within a fraction of a second.
    class var serverArguments: [String] { ["--login-rate-limit", "1000"] + marketArguments }

    /// The fast market of every contract server.
    static let marketArguments = ["--feed-tick-ms", "50", "--market-publish-ms", "50"]

    /// The running server of each class (or why it would not start).
    private static let servers = Mutex<[ObjectIdentifier: Result<ServerProcess, any Error>]>([:])

    /// This class's server, started on first use.
    private(set) var server: ServerProcess!

    override func setUpWithError() throws {
        try super.setUpWithError()
        if Self.backend == .postgres { _ = try ContractBackend.postgresURL() }
        let key = ObjectIdentifier(Self.self)
        let result = Self.servers.withLock { servers in
            if let existing = servers[key] { return existing }
            let started = Result { try ServerProcess.start(backend: Self.backend, arguments: Self.serverArguments) }
            servers[key] = started
            return started
        }
        server = try result.get()
    }

    override class func tearDown() {
        let leftover = servers.withLock { $0.removeValue(forKey: ObjectIdentifier(self)) }
        if case .success(let server) = leftover { server.kill() }
        super.tearDown()
    }

    /// The behaviours, run against this class's server.
    var suite: ContractSuite {
        get throws { try ContractSuite(server: server) }
    }

    /// Stops the shared server with SIGTERM and asserts that it exits with status 0 in time
    /// (a later test of the class would start a new one).
    func assertServerExitsCleanlyOnSIGTERM(file: StaticString = #filePath, line: UInt = #line) {
        _ = Self.servers.withLock { $0.removeValue(forKey: ObjectIdentifier(Self.self)) }
        let shutdown = server.stop()
        XCTAssertTrue(shutdown.isClean, "\(server.backend) server: \(shutdown)", file: file, line: line)
    }
}

/// The SQLite side of a concern.
class SQLiteContractTestCase: ContractTestCase {
    override class var backend: ContractBackend { .sqlite }
}

/// The PostgreSQL side of a concern: the throwaway server of `make test`, skipped when
/// `TRADING_TEST_POSTGRES_URL` is not set.
class PostgresContractTestCase: ContractTestCase {
    override class var backend: ContractBackend { .postgres }
}
