import Foundation
import XCTest
@testable import Backends

/// PostgreSQL-only migration behaviour: several server instances sharing one database.
final class PostgresMigrationTests: XCTestCase {
    func testInstancesStartingTogetherOnAFreshDatabaseAllMigrate() async throws {
        guard let url = ProcessInfo.processInfo.environment["TRADING_TEST_POSTGRES_URL"] else {
            throw XCTSkip("TRADING_TEST_POSTGRES_URL is not set (make test starts a throwaway PostgreSQL)")
        }
        // The collision this guards against is a race, so it gets several chances to show.
        for round in 1...5 {
            let setting = try await PostgresDatabase.url(url, selectingEmptySchema: "concurrent_start")
            async let first = Backend.open(setting, poolSize: 1)
            async let second = Backend.open(setting, poolSize: 1)
            async let third = Backend.open(setting, poolSize: 1)
            let backends = try await [first, second, third]
            defer { backends.forEach { $0.database.close() } }
            let applied = try await Migrator.appliedVersions(backends[0].database)
            XCTAssertEqual(applied, Migrator.migrations(for: .postgresql).map(\.version), "round \(round)")
        }
    }
}
