import Foundation
import XCTest
@testable import Backends

/// SQLite-only migration steps on databases that already hold data.
final class SQLiteMigrationTests: XCTestCase {
    func testCandlesSurviveTheRebuildWithoutRowID() async throws {
        try await EarlierSchema.onSQLiteFile { database in
            try await EarlierSchema.prepare(database, before: 4) { connection throws(StorageError) in
                try connection.execute(
                    "INSERT INTO ohlcv VALUES ('GOOG', 'US', '1d', 1000, '1.10', '2.20', '0.50', '1.95', '12345.678')")
            }
            let applied = try await Migrator.migrate(database)
            XCTAssertEqual(applied, Migrator.migrations(for: .sqlite).map(\.version).filter { $0 >= 4 }, "version 4 and every later one")
            let backend = Backend(database: database)
            let candles = try await backend.read { r throws(StorageError) in
                try r.candles.candles(ticker: "GOOG", market: "US", timeframe: "1d", limit: 10, newest: false)
            }
            XCTAssertEqual(candles.map(\.close.description), ["1.95"])
            XCTAssertEqual(candles.first?.volume.description, "12345.678")
            let layout = try await database.read { connection throws(StorageError) in
                try connection.query("SELECT sql FROM sqlite_master WHERE name = 'ohlcv'").first?.optionalString("sql") ?? ""
            }
            XCTAssertTrue(layout.hasSuffix("WITHOUT ROWID"), layout)
            let duplicate = try? await database.write { connection throws(StorageError) in
                try connection.execute(
                    "INSERT INTO ohlcv VALUES ((SELECT id FROM ohlcv_series WHERE ticker = 'GOOG'), 1000, '1', '1', '1', '1', '1')")
            }
            XCTAssertNil(duplicate, "the primary key still holds")
        }
    }
}
