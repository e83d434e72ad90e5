import Foundation
import XCTest
@testable import Backends
import Primitives

/// Text holding U+0000 is refused by both drivers, on every write path (a statement's
/// parameters, a bulk insert), and nothing of the write is kept: PostgreSQL's text cannot
/// hold it and libpq would cut a parameter short there, so refusing it on both backends is what
/// keeps them storing the same bytes.
extension ConformanceSuite {
    func textHoldingANullCharacterIsRefusedOnEveryWritePath() async throws {
        let isRefusal = { (error: StorageError) -> Bool in
            if case .constraintViolation(let constraint) = error { return constraint.contains("U+0000") }
            return false
        }
        await assertWriteRefusedWith("a setting key holding U+0000", isRefusal) { r throws(StorageError) in
            try r.settings.set("before\u{0}after", json: "1", at: 0)
        }
        await assertWriteRefusedWith("a candle series named with U+0000 (bulk path)", isRefusal) { r throws(StorageError) in
            let candle = CandleRecord(timestamp: 0, open: ExactDecimal(1), high: ExactDecimal(1), low: ExactDecimal(1),
                                      close: ExactDecimal(1), volume: ExactDecimal(1))
            try r.candles.replace(ticker: "NUL\u{0}", market: "KR", timeframe: "1d", candles: [candle, candle], at: 0)
        }
        let (setting, candles) = try await backend.read { r throws(StorageError) in
            (try r.settings.value("before"), try r.connection.query("SELECT COUNT(*) AS n FROM ohlcv_series WHERE ticker LIKE 'NUL%'").first?.int("n"))
        }
        XCTAssertNil(setting, "not stored cut short")
        XCTAssertEqual(candles, 0)
    }
}

/// The U+0000 rule on SQLite.
final class SQLiteNullCharacterConformanceTests: SQLiteBackendTestCase {
    func testTextHoldingANullCharacterIsRefusedOnEveryWritePath() async throws { try await suite.textHoldingANullCharacterIsRefusedOnEveryWritePath() }
}

/// The U+0000 rule on PostgreSQL.
final class PostgresNullCharacterConformanceTests: PostgresBackendTestCase {
    func testTextHoldingANullCharacterIsRefusedOnEveryWritePath() async throws { try await suite.textHoldingANullCharacterIsRefusedOnEveryWritePath() }
}
