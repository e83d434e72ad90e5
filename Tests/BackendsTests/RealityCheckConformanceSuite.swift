import Foundation
import XCTest
@testable import Backends
import Primitives

/// The reality check's storage contract: daily picks, their verification and summaries.
extension ConformanceSuite {
    static func realityCheckPick(_ date: String, _ ticker: String, rank: Int, grade: String = "BUY", returnPct: Double? = nil,
                                 route: String? = nil, marketReturn: Double? = nil) -> SnapshotRecord {
        SnapshotRecord(snapshotDate: date, ticker: ticker, market: "KR", rank: rank, grade: grade, score: 80 - Double(rank),
                       entryPrice: ExactDecimal("74500.5")!, nextDayReturn: returnPct, routeState: route, marketReturn: marketReturn,
                       createdAt: now)
    }

    func realityCheckPicksAreStoredOnceAndVerified() async throws {
        let picks = [Self.realityCheckPick("2026-01-27", "000660", rank: 2), Self.realityCheckPick("2026-01-27", "005930", rank: 1),
                     Self.realityCheckPick("2026-01-28", "005930", rank: 1)]
        try await backend.write { r throws(StorageError) in try r.realityCheck.insert(picks) }
        let day = try await backend.read { r throws(StorageError) in try r.realityCheck.snapshots(date: "2026-01-27") }
        XCTAssertEqual(day, [picks[1], picks[0]], "by rank, entry price exact")
        await assertWriteRefusedWith("the same pick twice", { if case .uniqueViolation = $0 { true } else { false } }) { r throws(StorageError) in
            try r.realityCheck.insert([Self.realityCheckPick("2026-01-29", "000660", rank: 1), Self.realityCheckPick("2026-01-27", "005930", rank: 3)])
        }
        await assertWriteRefusedWith("a date not YYYY-MM-DD", { if case .constraintViolation = $0 { true } else { false } }) { r throws(StorageError) in
            try r.realityCheck.insert([Self.realityCheckPick("2026-02-30", "000660", rank: 1)])
        }
        let nothingFromTheFailedBatch = try await backend.read { r throws(StorageError) in try r.realityCheck.snapshots(date: "2026-01-29") }
        XCTAssertEqual(nothingFromTheFailedBatch, [])
        let pending = try await backend.read { r throws(StorageError) in try r.realityCheck.pendingDates() }
        XCTAssertEqual(pending, ["2026-01-27", "2026-01-28"])
        let set = try await backend.write { r throws(StorageError) in
            [try r.realityCheck.setNextDayReturn(date: "2026-01-27", ticker: "005930", market: "KR", returnPct: 1.25, marketReturnPct: 0.75),
             try r.realityCheck.setNextDayReturn(date: "2026-01-27", ticker: "000660", market: "KR", returnPct: -0.5)]
        }
        XCTAssertEqual(set, [true, true])
        let missing = try await backend.write { r throws(StorageError) in
            try r.realityCheck.setNextDayReturn(date: "2026-01-27", ticker: "035720", market: "KR", returnPct: 1)
        }
        XCTAssertFalse(missing)
        let verified = try await backend.read { r throws(StorageError) in try r.realityCheck.snapshots(date: "2026-01-27").map(\.nextDayReturn) }
        XCTAssertEqual(verified, [1.25, -0.5])
        let markets = try await backend.read { r throws(StorageError) in try r.realityCheck.snapshots(date: "2026-01-27").map(\.marketReturn) }
        XCTAssertEqual(markets, [0.75, nil], "the market's return when given")
        let stillPending = try await backend.read { r throws(StorageError) in try r.realityCheck.pendingDates() }
        XCTAssertEqual(stillPending, ["2026-01-28"])
    }

    /// Verified picks around a leap day, plus one unverified pick.
    private func storeVerifiedPicks() async throws {
        let picks = [
            Self.realityCheckPick("2024-02-27", "000001", rank: 1, returnPct: 5),
            Self.realityCheckPick("2024-02-28", "000001", rank: 1, returnPct: 0.1, route: "ATTACK", marketReturn: 0.5),
            Self.realityCheckPick("2024-02-28", "000002", rank: 2, grade: "WATCH", returnPct: 0.2, route: "ARMED", marketReturn: 0.5),
            Self.realityCheckPick("2024-02-28", "000003", rank: 3, grade: "HOLD", returnPct: -1.3, route: "ATTACK", marketReturn: 0.5),
            Self.realityCheckPick("2024-02-29", "000002", rank: 2, returnPct: 2, route: "ARMED", marketReturn: -1),
            Self.realityCheckPick("2024-02-29", "000001", rank: 1, returnPct: 2, route: "ATTACK", marketReturn: -1),
            Self.realityCheckPick("2024-02-29", "000003", rank: 3, grade: "WATCH", returnPct: 0),
            Self.realityCheckPick("2024-03-01", "000001", rank: 1, returnPct: -4, route: "ATTACK", marketReturn: 1),
            Self.realityCheckPick("2024-03-01", "000002", rank: 2),
        ]
        try await backend.write { r throws(StorageError) in try r.realityCheck.insert(picks) }
    }

    func realityCheckHistoryAggregatesVerifiedPicksPerDay() async throws {
        try await storeVerifiedPicks()
        let history = try await backend.read { r throws(StorageError) in try r.realityCheck.history(days: 3, until: "2024-03-01") }
        XCTAssertEqual(history.map(\.date), ["2024-03-01", "2024-02-29", "2024-02-28"], "newest first, across the leap day")
        XCTAssertEqual(history.map(\.totalPicks), [1, 3, 3], "unverified picks do not count")
        XCTAssertEqual(history.map(\.winCount), [0, 2, 2], "a zero return is no win")
        XCTAssertEqual(history.map(\.avgReturnPct), [-4, 4.0 / 3, (0.1 + 0.2 + -1.3) / 3])
        XCTAssertEqual(history.map(\.bestTicker), ["000001", "000001", "000002"], "ties go to the better rank")
        XCTAssertEqual(history.map(\.bestReturnPct), [-4, 2, 0.2])
        XCTAssertEqual(history.map(\.avgMarketReturnPct), [1, -1, 0.5], "over the picks that have one (000003 of 02-29 has none)")
        XCTAssertEqual(history[1].winRate, 200.0 / 3)
        let oneDay = try await backend.read { r throws(StorageError) in try r.realityCheck.history(days: 1, until: "2024-02-27").map(\.date) }
        XCTAssertEqual(oneDay, ["2024-02-27"])
        let none = try await backend.read { r throws(StorageError) in try r.realityCheck.history(days: 30, until: "2024-02-26") }
        XCTAssertEqual(none, [])
    }

    func realityCheckStatsSummariseByGrade() async throws {
        try await storeVerifiedPicks()
        let stats = try await backend.read { r throws(StorageError) in try r.realityCheck.stats(sinceDate: "2024-02-28") }
        XCTAssertEqual(stats.totalPicks, 7)
        XCTAssertEqual(stats.winCount, 4)
        XCTAssertEqual(stats.avgReturnPct, (0.1 + 0.2 + -1.3 + 2 + 2 + 0 + -4) / 7)
        XCTAssertEqual(stats.bestReturnPct, 2)
        XCTAssertEqual(stats.worstReturnPct, -4)
        XCTAssertEqual(stats.lastCheckedDate, "2024-03-01")
        XCTAssertEqual(stats.avgMarketReturnPct, (0.5 + 0.5 + 0.5 + -1 + -1 + 1) / 6, "the six picks with a market return")
        // Route states as picked, bytewise; the pick without one is in no group.
        XCTAssertEqual(stats.byRouteState, [
            RealityCheckGradeSummary(grade: "ARMED", totalPicks: 2, winCount: 2, avgReturnPct: (0.2 + 2) / 2),
            RealityCheckGradeSummary(grade: "ATTACK", totalPicks: 4, winCount: 2, avgReturnPct: (0.1 + -1.3 + 2 + -4) / 4),
        ])
        XCTAssertEqual(stats.byGrade, [
            RealityCheckGradeSummary(grade: "BUY", totalPicks: 4, winCount: 3, avgReturnPct: (0.1 + 2 + 2 + -4) / 4),
            RealityCheckGradeSummary(grade: "WATCH", totalPicks: 2, winCount: 1, avgReturnPct: (0.2 + 0) / 2),
            RealityCheckGradeSummary(grade: "HOLD", totalPicks: 1, winCount: 0, avgReturnPct: -1.3),
        ])
        let empty = try await backend.read { r throws(StorageError) in try r.realityCheck.stats(sinceDate: "2025-01-01") }
        XCTAssertEqual(empty, RealityCheckSummary(totalPicks: 0, winCount: 0, avgReturnPct: 0, avgMarketReturnPct: nil, bestReturnPct: nil,
                                                  worstReturnPct: nil, byGrade: [], byRouteState: [], lastCheckedDate: nil))
        XCTAssertEqual(empty.winRate, 0)
    }
}

/// The reality check conformance suite on SQLite.
final class SQLiteRealityCheckConformanceTests: SQLiteBackendTestCase {
    func testRealityCheckPicksAreStoredOnceAndVerified() async throws { try await suite.realityCheckPicksAreStoredOnceAndVerified() }
    func testRealityCheckHistoryAggregatesVerifiedPicksPerDay() async throws { try await suite.realityCheckHistoryAggregatesVerifiedPicksPerDay() }
    func testRealityCheckStatsSummariseByGrade() async throws { try await suite.realityCheckStatsSummariseByGrade() }
}

/// The reality check conformance suite on PostgreSQL.
final class PostgresRealityCheckConformanceTests: PostgresBackendTestCase {
    func testRealityCheckPicksAreStoredOnceAndVerified() async throws { try await suite.realityCheckPicksAreStoredOnceAndVerified() }
    func testRealityCheckHistoryAggregatesVerifiedPicksPerDay() async throws { try await suite.realityCheckHistoryAggregatesVerifiedPicksPerDay() }
    func testRealityCheckStatsSummariseByGrade() async throws { try await suite.realityCheckStatsSummariseByGrade() }
}
