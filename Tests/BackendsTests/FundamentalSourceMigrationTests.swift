import Foundation
import XCTest
@testable import Backends
import Primitives

/// Migration 9 (the fundamentals' sector and source) on a database that already holds
/// fundamentals, written once and run on SQLite and PostgreSQL.
struct FundamentalSourceMigrationSuite {
    let database: any SQLDatabase

    func existingFundamentalsCountAsImportedWithoutSector() async throws {
        try await EarlierSchema.prepare(database, before: 9) { connection throws(StorageError) in
            try connection.execute(
                "INSERT INTO symbol_fundamental (ticker, market, per, market_cap, updated_at) VALUES ('GOOG', 'US', 24.5, '2100000000000', 7)")
        }
        let applied = try await Migrator.migrate(database)
        XCTAssertEqual(applied, Migrator.migrations(for: database.dialect).map(\.version).filter { $0 >= 9 })
        let stored = try await Backend(database: database).read { r throws(StorageError) in try r.fundamentals.list() }
        XCTAssertEqual(stored, [FundamentalRecord(ticker: "GOOG", market: "US", per: 24.5, marketCap: ExactDecimal(2_100_000_000_000),
                                                  sector: nil, source: FundamentalSource.import, updatedAt: 7)])
    }
}

/// Migration 9 on an SQLite file.
final class SQLiteFundamentalSourceMigrationTests: XCTestCase {
    func testExistingFundamentalsCountAsImportedWithoutSector() async throws {
        try await EarlierSchema.onSQLiteFile {
            try await FundamentalSourceMigrationSuite(database: $0).existingFundamentalsCountAsImportedWithoutSector()
        }
    }
}

/// Migration 9 on the throwaway PostgreSQL server, in a schema of its own.
final class PostgresFundamentalSourceMigrationTests: XCTestCase {
    func testExistingFundamentalsCountAsImportedWithoutSector() async throws {
        try await EarlierSchema.onPostgres(schema: "fundamental_source_migration") {
            try await FundamentalSourceMigrationSuite(database: $0).existingFundamentalsCountAsImportedWithoutSector()
        }
    }
}
