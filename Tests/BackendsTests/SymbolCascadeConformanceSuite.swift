import Foundation
import XCTest
@testable import Backends

/// Document A's symbol maintenance functions, on both backends: PL/pgSQL on PostgreSQL,
/// their Swift equivalents on SQLite.
extension ConformanceSuite {
    /// One row (or more) for a symbol in every table of document A's cascade.
    static func insertSymbolEverywhere(_ r: Repositories, _ ticker: String, _ market: String, candles: Int,
                                       scores: Int) throws(StorageError) {
        try insertSymbol(r, ticker, market, name: ticker)
        try insertCandles(r, ticker, market, closes: Array(repeating: "100", count: candles))
        try r.connection.execute(
            """
            INSERT INTO ohlcv_metadata (ticker, market, timeframe, first_ts, last_ts, candle_count, updated_at)
            VALUES ($1, $2, '1d', $3, $4, $5, $6)
            """, ticker, market, latestDay - (candles - 1) * day, latestDay, candles, now)
        try insertFundamental(r, ticker, market, marketCap: "1000000", per: 10, pbr: 1, roe: 5, dividendYield: 1,
                              debtRatio: 50, revenueGrowth: 5, earningsGrowth: 5)
        try r.connection.execute(
            "INSERT INTO execution_cache (ticker, market, payload, updated_at) VALUES ($1, $2, $3, $4)",
            ticker, market, #"{"signal": "hold"}"#, now)
        for index in 0..<scores {
            try insertScore(r, ticker, market, score: 60, grade: "WATCH", routeState: "WAIT", at: now + index)
        }
        try r.connection.execute(
            """
            INSERT INTO reality_check_snapshots (snapshot_date, ticker, market, rank, grade, score, entry_price, created_at)
            VALUES ('2026-01-27', $1, $2, 1, 'WATCH', 60, '100', $3)
            """, ticker, market, now)
        try insertForecastModel(r, ticker, market)
    }

    static func insertForecastModel(_ r: Repositories, _ ticker: String, _ market: String) throws(StorageError) {
        try r.connection.execute(
            """
            INSERT INTO forecast_models (ticker, market, timeframe, data_end, candles, model, trained_at)
            VALUES ($1, $2, '1d', $3, 1, '{}', $4)
            """, ticker, market, latestDay, now)
    }

    /// Rows per table of the cascade for one symbol, tables without rows left out.
    func symbolRowCounts(_ ticker: String, _ market: String) async throws -> [String: Int] {
        try await backend.read { r throws(StorageError) in
            var counts: [String: Int] = [:]
            for table in SymbolDataTables.cascadeOrder {
                // Candles name their symbol through their series (version 16).
                let rows = table == "ohlcv" ? CandleLayout.current.namedCandles + " o" : table
                let n = try r.connection.query(
                    "SELECT COUNT(*) AS n FROM \(rows) WHERE ticker = $1 AND market = $2", ticker, market).first?.int("n") ?? 0
                if n > 0 { counts[table] = n }
            }
            return counts
        }
    }

    static func counts(_ pairs: KeyValuePairs<String, Int>) -> [TableDeleteCount] {
        pairs.map { TableDeleteCount(tableName: $0.key, deletedCount: $0.value) }
    }

    // MARK: delete_symbol_cascade

    func cascadeDeletesASymbolFromEveryTableInOrder() async throws {
        try await backend.write { r throws(StorageError) in
            try Self.insertSymbolEverywhere(r, "005930", "KR", candles: 3, scores: 2)
            try Self.insertSymbolEverywhere(r, "000660", "KR", candles: 2, scores: 1)
            try Self.insertSymbolEverywhere(r, "005930", "US", candles: 1, scores: 1)
        }
        let otherBefore = try await symbolRowCounts("000660", "KR")
        let sameTickerBefore = try await symbolRowCounts("005930", "US")
        let deleted = try await backend.write { r throws(StorageError) in
            try r.symbolMaintenance.deleteSymbolCascade(ticker: "005930", market: "KR")
        }
        XCTAssertEqual(deleted, Self.counts([
            "ohlcv": 3, "ohlcv_metadata": 1, "symbol_fundamental": 1, "execution_cache": 1, "global_scores": 1,
            "score_history": 2, "reality_check_snapshots": 1, "forecast_models": 1, "symbol_info": 1,
        ]))
        let left = try await symbolRowCounts("005930", "KR")
        XCTAssertEqual(left, [:])
        let otherAfter = try await symbolRowCounts("000660", "KR")
        XCTAssertEqual(otherAfter, otherBefore)
        XCTAssertEqual(otherAfter.count, 9, "the other symbol keeps a row in every table")
        let sameTickerAfter = try await symbolRowCounts("005930", "US")
        XCTAssertEqual(sameTickerAfter, sameTickerBefore, "the same ticker in another market is another symbol")

        let again = try await backend.write { r throws(StorageError) in
            try r.symbolMaintenance.deleteSymbolCascade(ticker: "005930", market: "KR")
        }
        XCTAssertEqual(again, [], "a second cascade finds nothing")
    }

    func cascadeOfAnUnknownSymbolDeletesNothing() async throws {
        try await backend.write { r throws(StorageError) in
            try Self.insertSymbolEverywhere(r, "000660", "KR", candles: 2, scores: 1)
        }
        let deleted = try await backend.write { r throws(StorageError) in
            try r.symbolMaintenance.deleteSymbolCascade(ticker: "NOPE", market: "KR")
        }
        XCTAssertEqual(deleted, [])
        let kept = try await symbolRowCounts("000660", "KR")
        XCTAssertEqual(kept.count, 9)
    }

    func cascadeIsUndoneWhenTheCallersTransactionRollsBack() async throws {
        try await backend.write { r throws(StorageError) in
            try Self.insertSymbolEverywhere(r, "005930", "KR", candles: 3, scores: 2)
        }
        let before = try await symbolRowCounts("005930", "KR")
        do {
            try await backend.write { r throws(StorageError) in
                let deleted = try r.symbolMaintenance.deleteSymbolCascade(ticker: "005930", market: "KR")
                guard deleted.count == 9 else { throw .failed(message: "cascade reported \(deleted)", statement: "") }
                throw .failed(message: "abort after the cascade", statement: "test")
            }
            XCTFail("the transaction did not fail")
        } catch {
            XCTAssertEqual(error, .failed(message: "abort after the cascade", statement: "test"))
        }
        let after = try await symbolRowCounts("005930", "KR")
        XCTAssertEqual(after, before)
        XCTAssertEqual(after.count, 9)
    }

    // MARK: cleanup_orphan_symbol_data

    func orphanCleanupDeletesDataWithoutSymbolInfo() async throws {
        try await backend.write { r throws(StorageError) in
            try Self.insertSymbolEverywhere(r, "005930", "KR", candles: 3, scores: 2)
            // Data of a symbol symbol_info does not list (and of one it lists in another market only).
            try Self.insertCandles(r, "GONE", closes: ["1", "2"])
            try r.connection.execute(
                "INSERT INTO execution_cache (ticker, market, payload, updated_at) VALUES ('GONE', 'KR', '{}', $1)", Self.now)
            try r.connection.execute(
                "INSERT INTO score_history (ticker, market, score, grade, computed_at) VALUES ('GONE', 'KR', 1, 'HOLD', $1)", Self.now)
            try Self.insertForecastModel(r, "GONE", "KR")
            try Self.insertCandles(r, "005930", "US", closes: ["3"])
        }
        let before = try await symbolRowCounts("005930", "KR")
        let deleted = try await backend.write { r throws(StorageError) in try r.symbolMaintenance.cleanupOrphanSymbolData() }
        XCTAssertEqual(deleted, Self.counts(["ohlcv": 3, "execution_cache": 1, "score_history": 1, "forecast_models": 1]))
        let gone = try await symbolRowCounts("GONE", "KR")
        XCTAssertEqual(gone, [:])
        let otherMarket = try await symbolRowCounts("005930", "US")
        XCTAssertEqual(otherMarket, [:])
        let after = try await symbolRowCounts("005930", "KR")
        XCTAssertEqual(after, before, "a symbol with symbol_info keeps its data")

        let again = try await backend.write { r throws(StorageError) in try r.symbolMaintenance.cleanupOrphanSymbolData() }
        XCTAssertEqual(again, [])
    }

    // MARK: cache delete

    func cacheDeleteRemovesOnlyTheCandlesAndSummariesOfThatSymbol() async throws {
        try await backend.write { r throws(StorageError) in
            try Self.insertSymbolEverywhere(r, "005930", "KR", candles: 3, scores: 1)
            try Self.insertCandles(r, "005930", "KR", closes: ["1", "2"], timeframe: "1w")
            try r.candles.refreshSummary(ticker: "005930", market: "KR", timeframe: "1w", at: Self.now)
            try Self.insertSymbolEverywhere(r, "005930", "US", candles: 2, scores: 1)
            try Self.insertSymbolEverywhere(r, "000660", "KR", candles: 2, scores: 1)
        }
        let page = try await backend.read { r throws(StorageError) in
            (try r.candles.page(ticker: "005930", market: "KR", timeframe: "1d", limit: 2, offset: 1, descending: true),
             try r.candles.count(ticker: "005930", market: "KR", timeframe: "1d"))
        }
        XCTAssertEqual(page.0.map(\.timestamp), [Self.latestDay - Self.day, Self.latestDay - 2 * Self.day], "newest first, one skipped")
        XCTAssertEqual(page.1, 3)
        let weekly = try await backend.write { r throws(StorageError) in try r.candles.delete(ticker: "005930", market: "KR", timeframe: "1w") }
        XCTAssertEqual(weekly.candles, 2)
        XCTAssertEqual(weekly.metadata, 1)
        let rest = try await backend.write { r throws(StorageError) in try r.candles.delete(ticker: "005930", market: "KR") }
        XCTAssertEqual(rest.candles, 3)
        XCTAssertEqual(rest.metadata, 1)
        let left = try await symbolRowCounts("005930", "KR")
        XCTAssertEqual(left, ["symbol_fundamental": 1, "execution_cache": 1, "global_scores": 1, "score_history": 1,
                              "reality_check_snapshots": 1, "forecast_models": 1, "symbol_info": 1], "only ohlcv and ohlcv_metadata lose rows")
        let others = try await (symbolRowCounts("005930", "US"), symbolRowCounts("000660", "KR"))
        XCTAssertEqual(others.0.count, 9, "the same ticker in another market keeps everything")
        XCTAssertEqual(others.1.count, 9)
        let again = try await backend.write { r throws(StorageError) in try r.candles.delete(ticker: "005930", market: "KR") }
        XCTAssertEqual(again.candles + again.metadata, 0)
    }
}

/// Symbol functions on SQLite.
final class SQLiteSymbolCascadeConformanceTests: SQLiteBackendTestCase {
    func testCascadeDeletesASymbolFromEveryTableInOrder() async throws { try await suite.cascadeDeletesASymbolFromEveryTableInOrder() }
    func testCascadeOfAnUnknownSymbolDeletesNothing() async throws { try await suite.cascadeOfAnUnknownSymbolDeletesNothing() }
    func testCascadeIsUndoneWhenTheCallersTransactionRollsBack() async throws { try await suite.cascadeIsUndoneWhenTheCallersTransactionRollsBack() }
    func testOrphanCleanupDeletesDataWithoutSymbolInfo() async throws { try await suite.orphanCleanupDeletesDataWithoutSymbolInfo() }
    func testCacheDeleteRemovesOnlyTheCandlesAndSummariesOfThatSymbol() async throws {
        try await suite.cacheDeleteRemovesOnlyTheCandlesAndSummariesOfThatSymbol()
    }
}

/// Symbol functions on PostgreSQL.
final class PostgresSymbolCascadeConformanceTests: PostgresBackendTestCase {
    func testCascadeDeletesASymbolFromEveryTableInOrder() async throws { try await suite.cascadeDeletesASymbolFromEveryTableInOrder() }
    func testCascadeOfAnUnknownSymbolDeletesNothing() async throws { try await suite.cascadeOfAnUnknownSymbolDeletesNothing() }
    func testCascadeIsUndoneWhenTheCallersTransactionRollsBack() async throws { try await suite.cascadeIsUndoneWhenTheCallersTransactionRollsBack() }
    func testOrphanCleanupDeletesDataWithoutSymbolInfo() async throws { try await suite.orphanCleanupDeletesDataWithoutSymbolInfo() }
    func testCacheDeleteRemovesOnlyTheCandlesAndSummariesOfThatSymbol() async throws {
        try await suite.cacheDeleteRemovesOnlyTheCandlesAndSummariesOfThatSymbol()
    }
}
