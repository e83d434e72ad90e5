import Foundation
import XCTest
@testable import Backends
import Primitives

/// Record builders, assertions and plain-SQL fixtures shared by several conformance files.
extension ConformanceSuite {
    // MARK: Records

    static func decimal(_ text: String) -> ExactDecimal { ExactDecimal(text)! }

    static func strategy(_ id: String, running: Bool = false, createdAt: Int = now) -> StrategyRecord {
        StrategyRecord(id: id, type: "grid", name: "Grid \(id)", version: "1.0.0", symbols: ["BTC/USDT", "삼성전자"],
                       config: #"{"levels": 10, "spacing": "0.5", "nested": {"on": true}}"#, running: running,
                       createdAt: createdAt, updatedAt: createdAt)
    }

    static func position(_ id: String, exchange: String = "paper", symbol: String = "BTC/USDT", strategyID: String? = nil,
                         quantity: String = "0.3", at time: Int = now) -> PositionRecord {
        PositionRecord(id: id, exchange: exchange, symbol: symbol, strategyID: strategyID, side: "Buy", quantity: decimal(quantity),
                       entryPrice: decimal("40666.666666666666666667"), leverage: decimal("2.5"), openedAt: time, updatedAt: time)
    }

    /// Parsed JSON, so that PostgreSQL's normalised JSONB compares equal to the text written.
    static func jsonValue(_ text: String?) -> NSObject? {
        text.flatMap { try? JSONSerialization.jsonObject(with: Data($0.utf8), options: [.fragmentsAllowed]) as? NSObject }
    }

    // MARK: Assertions

    /// Asserts that `body` throws the `StorageError` case `matches` accepts.
    func assertStorageError(_ body: () async throws -> Void, _ matches: (StorageError) -> Bool, _ message: String,
                            file: StaticString = #filePath, line: UInt = #line) async {
        do {
            try await body()
            XCTFail("no error: \(message)", file: file, line: line)
        } catch let error as StorageError {
            XCTAssertTrue(matches(error), "\(message): \(error)", file: file, line: line)
        } catch {
            XCTFail("\(message): \(error)", file: file, line: line)
        }
    }

    /// Runs `body` in a write that must fail with the `StorageError` case `matches` accepts.
    func assertWriteRefusedWith(_ message: String, _ matches: (StorageError) -> Bool, file: StaticString = #filePath, line: UInt = #line,
                            _ body: @escaping @Sendable (Repositories) throws(StorageError) -> Void) async {
        do {
            try await backend.write(body)
            XCTFail("accepted: \(message)", file: file, line: line)
        } catch {
            XCTAssertTrue(matches(error), "\(message): \(error)", file: file, line: line)
        }
    }

    static let day = 86_400_000
    /// The open of the latest daily candle in the screening fixtures (2026-01-27T00:00:00Z).
    static let latestDay = 1_769_472_000_000

    // MARK: Fixtures (plain SQL, independent of the other repositories)

    static func insertSymbol(_ r: Repositories, _ ticker: String, _ market: String = "KR", name: String? = nil,
                             sector: String? = nil, status: String = "active") throws(StorageError) {
        try r.connection.execute(
            "INSERT INTO symbol_info (ticker, market, name, sector, status, updated_at) VALUES ($1, $2, $3, $4, $5, $6)",
            ticker, market, name, sector, status, now)
    }

    /// Daily candles (or `timeframe`), oldest first, the last opening at `latestDay`; high and
    /// low equal the close unless given.
    static func insertCandles(_ r: Repositories, _ ticker: String, _ market: String = "KR", closes: [String],
                              timeframe: String = "1d") throws(StorageError) {
        for (index, close) in closes.enumerated() {
            try insertCandle(r, ticker, market, at: latestDay - (closes.count - 1 - index) * day, close: close, timeframe: timeframe)
        }
    }

    static func insertCandle(_ r: Repositories, _ ticker: String, _ market: String = "KR", at ts: Int, close: String,
                             high: String? = nil, low: String? = nil, timeframe: String = "1d") throws(StorageError) {
        let series = try r.candles.seriesID(ticker: ticker, market: market, timeframe: timeframe)
        try r.connection.execute(
            "INSERT INTO ohlcv (series_id, ts, open, high, low, close, volume) VALUES ($1, $2, $3, $4, $5, $6, $7)",
            series, ts, close, high ?? close, low ?? close, close, "1000")
    }

    static func insertFundamental(_ r: Repositories, _ ticker: String, _ market: String = "KR", marketCap: String?,
                                  per: Double?, pbr: Double?, roe: Double?, dividendYield: Double?, debtRatio: Double?,
                                  revenueGrowth: Double?, earningsGrowth: Double?) throws(StorageError) {
        try r.connection.execute(
            """
            INSERT INTO symbol_fundamental (ticker, market, per, pbr, roe, dividend_yield, debt_ratio, revenue_growth,
            earnings_growth, market_cap, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
            """, ticker, market, per, pbr, roe, dividendYield, debtRatio, revenueGrowth, earningsGrowth, marketCap, now)
    }

    static func insertScore(_ r: Repositories, _ ticker: String, _ market: String = "KR", score: Double, grade: String,
                            routeState: String, at time: Int = now) throws(StorageError) {
        try r.connection.execute(
            """
            INSERT INTO global_scores (ticker, market, score, grade, route_state, computed_at) VALUES ($1, $2, $3, $4, $5, $6)
            ON CONFLICT (ticker, market) DO UPDATE SET score = excluded.score, grade = excluded.grade,
            route_state = excluded.route_state, computed_at = excluded.computed_at
            """, ticker, market, score, grade, routeState, time)
        try r.connection.execute(
            "INSERT INTO score_history (ticker, market, score, grade, computed_at) VALUES ($1, $2, $3, $4, $5)",
            ticker, market, score, grade, time)
    }
}
