import Foundation
import XCTest

/// The reality check over the demo history: on a database's first start the last 60 closed
/// days are backfilled (each day's top 10 by GlobalScore, scored on the candles up to that
/// day) and every pick whose next daily candle has closed carries its real return, so both
/// reads answer non-empty and agree with each other.
extension ContractSuite {
    /// `YYYY-MM-DD` (UTC) of `days` days before today.
    static func utcDate(daysAgo days: Int) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd"
        return formatter.string(from: Date().addingTimeInterval(-86_400 * Double(days)))
    }

    func realityCheckReadsNeedATokenAndAValidPeriod() throws {
        assertError(try api.call("getRealityCheckStats"), 401, "MISSING_TOKEN")
        assertError(try api.call("getRealityCheckHistory"), 401, "MISSING_TOKEN")
        let viewer = try account("viewer").client
        for days in ["0", "366", "x"] {
            assertError(try viewer.call("getRealityCheckStats", query: ["days": days]), 400, "VALIDATION_ERROR")
            assertError(try viewer.call("getRealityCheckHistory", query: ["days": days]), 400, "VALIDATION_ERROR")
        }
    }

    func theRealityCheckHistoryIsBackfilledAndConsistent() throws {
        let viewer = try account("viewer").client
        let response = try viewer.call("getRealityCheckHistory")
        XCTAssertEqual(response.status, 200, response.message.summary)
        XCTAssertEqual(response["days"].integer, 30, "the default period")
        let history = response["history"].array ?? []
        XCTAssertGreaterThanOrEqual(history.count, 20, "backfilled over the demo history: \(response.message.summary)")
        let dates = history.compactMap { $0["date"]?.string }
        XCTAssertEqual(dates.count, history.count)
        XCTAssertEqual(dates, dates.sorted(by: >), "newest first")
        XCTAssertEqual(Set(dates).count, dates.count, "one entry a day")
        let oldest = Self.utcDate(daysAgo: 29)
        XCTAssertTrue(dates.allSatisfy { $0 >= oldest && $0 < Self.utcDate(daysAgo: 0) },
                      "within the last 30 days, and today's picks wait for tomorrow: \(dates)")
        for day in history {
            let total = try XCTUnwrap(day["total_picks"]?.integer), wins = try XCTUnwrap(day["win_count"]?.integer)
            XCTAssertTrue((1...10).contains(total), "every day has picks with returns, at most 10: \(day.text)")
            XCTAssertTrue((0...total).contains(wins), day.text)
            XCTAssertEqual(try XCTUnwrap(day["win_rate"]?.number), Double(wins) * 100 / Double(total), accuracy: 1e-9, day.text)
            let best = try XCTUnwrap(day["best_return_pct"]?.number, day.text)
            XCTAssertGreaterThanOrEqual(best, try XCTUnwrap(day["avg_return_pct"]?.number) - 1e-9, "the best is at least the mean: \(day.text)")
            XCTAssertNotNil(day["best_ticker"]?.string, day.text)
            XCTAssertEqual(wins == 0, best <= 0, "a day has a win exactly when its best return is positive: \(day.text)")
        }

        let week = try viewer.call("getRealityCheckHistory", query: ["days": "7"])
        XCTAssertEqual(week["days"].integer, 7)
        let weekDates = (week["history"].array ?? []).compactMap { $0["date"]?.string }
        XCTAssertEqual(weekDates, dates.filter { $0 >= Self.utcDate(daysAgo: 6) }, "days= bounds the period, ending today")
        XCTAssertFalse(weekDates.isEmpty, week.message.summary)
        let longer = try viewer.call("getRealityCheckHistory", query: ["days": "365"])
        XCTAssertGreaterThanOrEqual((longer["history"].array ?? []).count, history.count)
    }

    func realityCheckStatsAddUpTheHistory() throws {
        let viewer = try account("viewer").client
        let history = try viewer.call("getRealityCheckHistory", query: ["days": "30"])["history"].array ?? []
        let stats = try viewer.call("getRealityCheckStats", query: ["days": "30"])
        XCTAssertEqual(stats.status, 200, stats.message.summary)
        XCTAssertEqual(stats["days"].integer, 30)
        let totals = history.compactMap { $0["total_picks"]?.integer }, wins = history.compactMap { $0["win_count"]?.integer }
        let total = try XCTUnwrap(stats["total_picks"].integer), won = try XCTUnwrap(stats["win_count"].integer)
        XCTAssertGreaterThan(total, 0, stats.message.summary)
        XCTAssertEqual(total, totals.reduce(0, +), "every verified pick of the period, as the history lists them")
        XCTAssertEqual(won, wins.reduce(0, +))
        XCTAssertEqual(try XCTUnwrap(stats["win_rate"].number), Double(won) * 100 / Double(total), accuracy: 1e-9, "hit rate = wins/total")
        let weighted = history.reduce(0.0) { sum, day in
            sum + (day["avg_return_pct"]?.number ?? .nan) * Double(day["total_picks"]?.integer ?? 0)
        }
        XCTAssertEqual(try XCTUnwrap(stats["avg_return_pct"].number), weighted / Double(total), accuracy: 1e-6,
                       "the mean of the picks is the pick-weighted mean of the days")
        let best = try XCTUnwrap(stats["best_return_pct"].number), worst = try XCTUnwrap(stats["worst_return_pct"].number)
        XCTAssertEqual(best, history.compactMap { $0["best_return_pct"]?.number }.max() ?? .nan, accuracy: 1e-9)
        XCTAssertLessThanOrEqual(worst, try XCTUnwrap(stats["avg_return_pct"].number))
        XCTAssertEqual(stats["last_checked_date"].string, history.first?["date"]?.string, "the newest verified day")
        let grades = stats["by_grade"].array ?? []
        XCTAssertFalse(grades.isEmpty)
        let names = grades.compactMap { $0["grade"]?.string }
        XCTAssertEqual(names, ["BUY", "WATCH", "HOLD"].filter(names.contains), "in grade order, each once")
        XCTAssertEqual(grades.compactMap { $0["total_picks"]?.integer }.reduce(0, +), total, "the grades split the picks")
        XCTAssertEqual(grades.compactMap { $0["win_count"]?.integer }.reduce(0, +), won)
        for grade in grades {
            let picks = try XCTUnwrap(grade["total_picks"]?.integer), gradeWins = try XCTUnwrap(grade["win_count"]?.integer)
            XCTAssertGreaterThan(picks, 0, grade.text)
            XCTAssertEqual(try XCTUnwrap(grade["win_rate"]?.number), Double(gradeWins) * 100 / Double(picks), accuracy: 1e-9, grade.text)
        }
        // Against the market: each pick's market return is the mean of its market's symbols that
        // day, so the picks' market mean is the pick-weighted mean of the days' too.
        let market = try XCTUnwrap(stats["avg_market_return_pct"].number, "every backfilled pick has its market's return")
        XCTAssertEqual(try XCTUnwrap(stats["avg_excess_return_pct"].number), try XCTUnwrap(stats["avg_return_pct"].number) - market,
                       accuracy: 1e-9, "excess = the picks' mean − the market's")
        let marketWeighted = history.reduce(0.0) { sum, day in
            sum + (day["avg_market_return_pct"]?.number ?? .nan) * Double(day["total_picks"]?.integer ?? 0)
        }
        XCTAssertEqual(market, marketWeighted / Double(total), accuracy: 1e-6)
        let routes = stats["by_route_state"].array ?? []
        XCTAssertEqual(routes.compactMap { $0["total_picks"]?.integer }.reduce(0, +), total, "every pick had a route state")
        XCTAssertEqual(routes.compactMap { $0["win_count"]?.integer }.reduce(0, +), won)
        let states = routes.compactMap { $0["route_state"]?.string }
        XCTAssertEqual(states, states.sorted(), "by route state, each once")
        XCTAssertEqual(Set(states).count, states.count)
    }
}

/// The reality check on SQLite.
final class SQLiteRealityCheckContractTests: MarketContractTestCase {
    override class var backend: ContractBackend { .sqlite }
    func testRealityCheckReadsNeedATokenAndAValidPeriod() throws { try suite.realityCheckReadsNeedATokenAndAValidPeriod() }
    func testTheRealityCheckHistoryIsBackfilledAndConsistent() throws { try suite.theRealityCheckHistoryIsBackfilledAndConsistent() }
    func testRealityCheckStatsAddUpTheHistory() throws { try suite.realityCheckStatsAddUpTheHistory() }
}

/// The reality check on PostgreSQL.
final class PostgresRealityCheckContractTests: MarketContractTestCase {
    override class var backend: ContractBackend { .postgres }
    func testRealityCheckReadsNeedATokenAndAValidPeriod() throws { try suite.realityCheckReadsNeedATokenAndAValidPeriod() }
    func testTheRealityCheckHistoryIsBackfilledAndConsistent() throws { try suite.theRealityCheckHistoryIsBackfilledAndConsistent() }
    func testRealityCheckStatsAddUpTheHistory() throws { try suite.realityCheckStatsAddUpTheHistory() }
}
