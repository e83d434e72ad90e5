import Foundation
import Primitives
import XCTest
@testable import Backends

/// Version 16 on a database that already holds candles of several series: every candle keeps
/// its values under its series' new integer id, series stay apart, the primary key holds,
/// and what reads or deletes candles by symbol (the screening cache, the symbol cascade)
/// works on the new layout. On SQLite and on PostgreSQL.
final class CandleSeriesKeyMigrationTests: XCTestCase {
    func testCandlesMoveToTheirSeriesOnSQLite() async throws {
        try await EarlierSchema.onSQLiteFile { database in try await assertCandlesMove(database) }
    }

    func testCandlesMoveToTheirSeriesOnPostgres() async throws {
        try await EarlierSchema.onPostgres(schema: "candle_series_key_migration") { database in try await assertCandlesMove(database) }
    }

    private func assertCandlesMove(_ database: any SQLDatabase) async throws {
        try await EarlierSchema.prepare(database, before: 16) { connection throws(StorageError) in
            for ticker in ["AAA", "BBB"] {
                try connection.execute(
                    "INSERT INTO symbol_info (ticker, market, name, updated_at) VALUES ($1, 'KR', $1, 0)", ticker)
                for (day, close) in ["10.5", "11.25", "12"].enumerated() {
                    try connection.execute(
                        "INSERT INTO ohlcv VALUES ($1, 'KR', '1d', $2, $3, $3, $3, $3, '100')", ticker, day * 86_400_000, close)
                }
            }
            try connection.execute("INSERT INTO ohlcv VALUES ('AAA', 'KR', '1h', 0, '1', '1', '1', '1.5', '1')")
        }
        let applied = try await Migrator.migrate(database)
        XCTAssertEqual(applied, [16])
        let backend = Backend(database: database)
        let (daily, hourly, other, series) = try await backend.read { r throws(StorageError) in
            (try r.candles.candles(ticker: "AAA", market: "KR", timeframe: "1d"),
             try r.candles.candles(ticker: "AAA", market: "KR", timeframe: "1h"),
             try r.candles.candles(ticker: "BBB", market: "KR", timeframe: "1d"),
             try r.connection.query("SELECT COUNT(*) AS n FROM ohlcv_series").first?.int("n"))
        }
        XCTAssertEqual(daily.map(\.close.description), ["10.5", "11.25", "12"])
        XCTAssertEqual(daily.map(\.timestamp), [0, 86_400_000, 172_800_000])
        XCTAssertEqual(hourly.map(\.close.description), ["1.5"])
        XCTAssertEqual(other.count, 3)
        XCTAssertEqual(series, 3, "one row a (ticker, market, timeframe)")

        let duplicate = try? await database.write { connection throws(StorageError) in
            try connection.execute(
                "INSERT INTO ohlcv VALUES ((SELECT id FROM ohlcv_series WHERE ticker = 'AAA' AND timeframe = '1d'), 0, '1', '1', '1', '1', '1')")
        }
        XCTAssertNil(duplicate, "the primary key (series_id, ts) holds")

        // The screening cache reads the moved candles; the cascade deletes one symbol's only.
        let screened = try await backend.write { r throws(StorageError) in
            _ = try r.screening.refreshCache(at: 1)
            return try r.connection.query("SELECT ticker, price FROM screening_cache ORDER BY ticker")
                .map { row throws(StorageError) in "\(try row.string("ticker")) \(try row.decimal("price"))" }
        }
        XCTAssertEqual(screened, ["AAA 12", "BBB 12"])
        let deleted = try await backend.write { r throws(StorageError) in try r.symbolMaintenance.deleteSymbolCascade(ticker: "AAA", market: "KR") }
        XCTAssertEqual(deleted.first { $0.tableName == "ohlcv" }?.deletedCount, 4)
        let left = try await backend.read { r throws(StorageError) in
            (try r.candles.count(ticker: "AAA", market: "KR", timeframe: "1d"), try r.candles.count(ticker: "BBB", market: "KR", timeframe: "1d"))
        }
        XCTAssertEqual(left.0, 0)
        XCTAssertEqual(left.1, 3)
    }
}
