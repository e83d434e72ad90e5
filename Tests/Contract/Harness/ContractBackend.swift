import Foundation
import XCTest

/// The storage a server under test runs on. Every behaviour of the suite runs on both.
enum ContractBackend: String, Sendable {
    case sqlite
    case postgres

    /// The variable through which `make test` hands over its throwaway PostgreSQL server.
    static let postgresVariable = "TRADING_TEST_POSTGRES_URL"

    /// The throwaway PostgreSQL server's URL; skips the test (naming the variable) without one.
    static func postgresURL() throws -> String {
        guard let url = ProcessInfo.processInfo.environment[postgresVariable], !url.isEmpty else {
            throw XCTSkip("\(postgresVariable) is not set (make test starts a throwaway PostgreSQL and sets it)")
        }
        return url
    }
}
