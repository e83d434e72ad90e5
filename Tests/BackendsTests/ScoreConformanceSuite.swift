import Foundation
import XCTest
@testable import Backends

/// The GlobalScores' storage contract: the current score, its history and the ranking.
extension ConformanceSuite {
    func savingAScoreUpdatesTheCurrentScoreAndItsHistory() async throws {
        let factors = #"{"risk_reward": 0.8, "penalties": ["rsi"]}"#
        let first = ScoreRecord(ticker: "005930", market: "KR", score: 78.4, grade: "BUY", routeState: "ATTACK", factors: factors,
                                computedAt: Self.now)
        try await backend.write { r throws(StorageError) in try r.scores.save(first) }
        let stored = try await backend.read { r throws(StorageError) in try r.scores.find(ticker: "005930", market: "KR") }
        XCTAssertEqual(Self.jsonValue(stored?.factors), Self.jsonValue(factors))
        XCTAssertEqual(stored?.score, 78.4)
        XCTAssertEqual(stored?.routeState, "ATTACK")
        var recomputed = first
        recomputed.score = 65.1
        recomputed.grade = "WATCH"
        recomputed.factors = nil
        let sameTime = recomputed
        try await backend.write { r throws(StorageError) in try r.scores.save(sameTime) }
        var later = recomputed
        later.score = 40
        later.grade = "HOLD"
        later.routeState = "WAIT"
        later.computedAt = Self.now + 86_400_000
        let next = later
        try await backend.write { r throws(StorageError) in try r.scores.save(next) }
        var stale = first
        stale.computedAt = Self.now - 86_400_000
        let earlier = stale
        try await backend.write { r throws(StorageError) in try r.scores.save(earlier) }
        let current = try await backend.read { r throws(StorageError) in try r.scores.find(ticker: "005930", market: "KR") }
        XCTAssertEqual(current, later, "an older score does not replace a later one")
        let history = try await backend.read { r throws(StorageError) in try r.scores.history(ticker: "005930", market: "KR") }
        XCTAssertEqual(history, [ScoreHistoryPoint(score: 78.4, grade: "BUY", computedAt: Self.now - 86_400_000),
                                 ScoreHistoryPoint(score: 65.1, grade: "WATCH", computedAt: Self.now),
                                 ScoreHistoryPoint(score: 40, grade: "HOLD", computedAt: Self.now + 86_400_000)])
        let since = try await backend.read { r throws(StorageError) in try r.scores.history(ticker: "005930", market: "KR", since: Self.now).count }
        XCTAssertEqual(since, 2)
        await assertWriteRefusedWith("factors not JSON", { if case .constraintViolation = $0 { true } else { false } }) { r throws(StorageError) in
            var broken = first
            broken.factors = "{"
            try r.scores.save(broken)
        }
    }

    func rankingOrdersByScoreThenTicker() async throws {
        try await backend.write { r throws(StorageError) in
            for (ticker, market, score, grade, route) in [("000660", "KR", 81.0, "BUY", "ATTACK"), ("005930", "KR", 78.4, "BUY", "ATTACK"),
                                                          ("AAPL", "US", 78.4, "BUY", "ARMED"), ("035720", "KR", 52.0, "WATCH", "WAIT"),
                                                          ("000001", "KR", 78.4, "BUY", "ARMED")] {
                try r.scores.save(ScoreRecord(ticker: ticker, market: market, score: score, grade: grade, routeState: route,
                                              computedAt: Self.now))
            }
        }
        let ranking = try await backend.read { r throws(StorageError) in try r.scores.ranking().map(\.ticker) }
        XCTAssertEqual(ranking, ["000660", "000001", "005930", "AAPL", "035720"])
        let kr = try await backend.read { r throws(StorageError) in try r.scores.ranking(market: "KR", routeState: "ATTACK").map(\.ticker) }
        XCTAssertEqual(kr, ["000660", "005930"])
        let page = try await backend.read { r throws(StorageError) in try r.scores.ranking(grade: "BUY", limit: 2, offset: 1).map(\.ticker) }
        XCTAssertEqual(page, ["000001", "005930"])
        let count = try await backend.read { r throws(StorageError) in try r.scores.rankingCount(grade: "BUY") }
        XCTAssertEqual(count, 4)
        let armed = try await backend.read { r throws(StorageError) in try r.scores.rankingCount(market: "US", routeState: "ARMED", grade: "BUY") }
        XCTAssertEqual(armed, 1)
    }
}

/// The score conformance suite on SQLite.
final class SQLiteScoreConformanceTests: SQLiteBackendTestCase {
    func testSavingAScoreUpdatesTheCurrentScoreAndItsHistory() async throws { try await suite.savingAScoreUpdatesTheCurrentScoreAndItsHistory() }
    func testRankingOrdersByScoreThenTicker() async throws { try await suite.rankingOrdersByScoreThenTicker() }
}

/// The score conformance suite on PostgreSQL.
final class PostgresScoreConformanceTests: PostgresBackendTestCase {
    func testSavingAScoreUpdatesTheCurrentScoreAndItsHistory() async throws { try await suite.savingAScoreUpdatesTheCurrentScoreAndItsHistory() }
    func testRankingOrdersByScoreThenTicker() async throws { try await suite.rankingOrdersByScoreThenTicker() }
}
