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
        try await EarlierSchema.onSQLiteFile { try await CandleSourceMigrationSuite(database: $0).existingSeriesBecomeReal() }
    }
}

/// Migration 6 on the throwaway PostgreSQL server, in a schema of its own.
final class PostgresCandleSourceMigrationTests: XCTestCase {
    func testExistingSeriesBecomeReal() async throws {
        try await EarlierSchema.onPostgres(schema: "source_migration") {
            try await CandleSourceMigrationSuite(database: $0).existingSeriesBecomeReal()
        }
    }
}
