import Foundation
import XCTest
@testable import Backends

/// Migration 6 (`ohlcv_metadata.source`) on a database that already holds series, written
/// once and run on SQLite and PostgreSQL.
struct CandleSourceMigrationSuite {
    let database: any SQLDatabase

    func existingSeriesBecomeReal() async throws {
        try await EarlierSchema.prepare(database, before: 6) { connection throws(StorageError) in
            try connection.execute(
                "INSERT INTO ohlcv_metadata (ticker, market, timeframe, first_ts, last_ts, candle_count, updated_at) VALUES ('GOOG', 'US', '1d', 1, 2, 2, 0)")
        }
        let applied = try await Migrator.migrate(database)
        XCTAssertEqual(applied, Migrator.migrations(for: database.dialect).map(\.version).filter { $0 >= 6 })
        let series = try await Backend(database: database).read { r throws(StorageError) in try r.candles.series() }
        XCTAssertEqual(series, [CandleSeriesInfo(ticker: "GOOG", market: "US", timeframe: "1d", firstTimestamp: 1, lastTimestamp: 2,
                                                 count: 2, source: CandleSource.real)])
        let missing = try? await database.write { connection throws(StorageError) in
            try connection.execute(
                "INSERT INTO ohlcv_metadata (ticker, market, timeframe, first_ts, last_ts, candle_count, updated_at, source) VALUES ('X', 'US', '1d', 1, 1, 1, 0, NULL)")
        }
        XCTAssertNil(missing, "source is NOT NULL")
    }
}

/// Migration 6 on an SQLite file.
final class SQLiteCandleSourceMigrationTests: XCTestCase {
    func testExistingSeriesBecomeReal() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sources-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let database = try SQLiteDatabase(path: directory.appendingPathComponent("t.db").path)
        defer { database.close() }
        try await CandleSourceMigrationSuite(database: database).existingSeriesBecomeReal()
    }
}

/// Migration 6 on the throwaway PostgreSQL server, in a schema of its own.
final class PostgresCandleSourceMigrationTests: XCTestCase {
    func testExistingSeriesBecomeReal() async throws {
        guard let url = ProcessInfo.processInfo.environment["TRADING_TEST_POSTGRES_URL"] else {
            throw XCTSkip("TRADING_TEST_POSTGRES_URL is not set (make test starts a throwaway PostgreSQL)")
        }
        let database = try PostgresDatabase(url: try await PostgresDatabase.url(url, selectingEmptySchema: "source_migration"), poolSize: 1)
        defer { database.close() }
        try await CandleSourceMigrationSuite(database: database).existingSeriesBecomeReal()
    }
}
