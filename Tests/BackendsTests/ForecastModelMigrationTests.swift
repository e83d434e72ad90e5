import Foundation
import XCTest
@testable import Backends

/// Migration 12 (`forecast_models`) on a database an older server left, written once and run
/// on SQLite and PostgreSQL: there the symbol functions of version 3 predate the table, so the
/// migration must bring them to the same cascade a fresh database has.
struct ForecastModelMigrationSuite {
    let database: any SQLDatabase

    func upgradedSymbolFunctionsDeleteForecastModels() async throws {
        try await EarlierSchema.prepare(database, before: 12) { connection throws(StorageError) in
            try connection.execute(
                "INSERT INTO symbol_info (ticker, market, name, updated_at) VALUES ('005930', 'KR', 'Samsung Electronics', 0)")
        }
        let applied = try await Migrator.migrate(database)
        XCTAssertEqual(applied, Migrator.migrations(for: database.dialect).map(\.version).filter { $0 >= 12 })
        let backend = Backend(database: database)
        try await backend.write { r throws(StorageError) in
            for (ticker, timeframe) in [("005930", "1d"), ("005930", "1h"), ("GONE", "1d")] {
                try r.forecastModels.upsert(ForecastModelRecord(ticker: ticker, market: "KR", timeframe: timeframe, dataEnd: 1,
                                                                candles: 1, model: "{}", trainedAt: 2))
            }
        }
        let orphans = try await backend.write { r throws(StorageError) in try r.symbolMaintenance.cleanupOrphanSymbolData() }
        XCTAssertEqual(orphans, [TableDeleteCount(tableName: "forecast_models", deletedCount: 1)], "GONE has no symbol_info")
        let deleted = try await backend.write { r throws(StorageError) in
            try r.symbolMaintenance.deleteSymbolCascade(ticker: "005930", market: "KR")
        }
        XCTAssertEqual(deleted, [TableDeleteCount(tableName: "forecast_models", deletedCount: 2),
                                 TableDeleteCount(tableName: "symbol_info", deletedCount: 1)])
    }
}

/// Migration 12 on an SQLite file.
final class SQLiteForecastModelMigrationTests: XCTestCase {
    func testUpgradedSymbolFunctionsDeleteForecastModels() async throws {
        try await EarlierSchema.onSQLiteFile {
            try await ForecastModelMigrationSuite(database: $0).upgradedSymbolFunctionsDeleteForecastModels()
        }
    }
}

/// Migration 12 on the throwaway PostgreSQL server, in a schema of its own.
final class PostgresForecastModelMigrationTests: XCTestCase {
    func testUpgradedSymbolFunctionsDeleteForecastModels() async throws {
        try await EarlierSchema.onPostgres(schema: "forecast_migration") {
            try await ForecastModelMigrationSuite(database: $0).upgradedSymbolFunctionsDeleteForecastModels()
        }
    }
}
